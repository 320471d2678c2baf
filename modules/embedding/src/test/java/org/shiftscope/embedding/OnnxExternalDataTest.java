package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.core.DataException;

/** An ONNX model may keep its weights beside it, never in a file elsewhere (it would leak that file). */
class OnnxExternalDataTest {

    @TempDir
    Path dir;

    /** Protobuf wire format: a length-delimited field. */
    private static byte[] field(int number, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3 | 2);
        varint(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] field(int number, String text) {
        return field(number, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * ModelProto { ir_version 8; graph { initializer { name "w"; data_location EXTERNAL; external_data
     * { key "location"; value LOCATION } } } }, or the tensor inside a Constant node's attribute.
     */
    private Path model(String location, boolean inConstantNode) throws Exception {
        byte[] tensor = concat(field(8, "w"), new byte[] {(byte) (14 << 3), 1},
                field(13, concat(field(1, "location"), field(2, location))), field(13, concat(field(1, "offset"),
                        field(2, "0"))));
        byte[] graph = inConstantNode
                ? field(1, concat(field(4, "Constant"), field(5, concat(field(1, "value"), field(5, tensor)))))
                : field(5, tensor);
        Path p = dir.resolve("models").resolve("net.onnx");
        Files.createDirectories(p.getParent());
        Files.write(p, concat(new byte[] {8, 8}, field(7, graph)));
        return p;
    }

    @Test
    void weightsBesideTheModelAreAllowed() throws Exception {
        OnnxExternalData.check(model("net.onnx.data", false), "net.onnx");
        OnnxExternalData.check(model("weights/part1.bin", true), "net.onnx");
    }

    @Test
    void weightsAnywhereElseAreRefusedBeforeTheEngineReadsThem() throws Exception {
        for (String location : new String[] {"../secret.bin", "/etc/passwd", "weights/../../secret.bin",
            "C:\\Windows\\win.ini", ""}) {
            for (boolean constant : new boolean[] {false, true}) {
                Path m = model(location, constant);
                assertThatThrownBy(() -> OnnxExternalData.check(m, "net.onnx")).as(location)
                        .isInstanceOf(DataException.class)
                        .hasMessage("net.onnx: its weights are kept in '" + location + "', outside the model's folder;"
                                + " ShiftScope reads a model's external weights only from files beside it (a model"
                                + " file must not read other files): export the model with its weights inside it, or"
                                + " beside it");
            }
        }
        // the check comes first when a model is opened
        Path m = model("../secret.bin", false);
        assertThatThrownBy(() -> ModelEmbedder.load(m)).hasMessageContaining("outside the model's folder");
    }

    @Test
    void aLinkBesideTheModelThatLeadsOutIsRefused() throws Exception {
        Path secret = dir.resolve("secret.bin");
        Files.write(secret, new byte[16]);
        Path m = model("weights.bin", false);
        Files.createSymbolicLink(m.resolveSibling("weights.bin"), secret);
        assertThatThrownBy(() -> OnnxExternalData.check(m, "net.onnx")).hasMessageContaining("'weights.bin'");
    }

    @Test
    void aDamagedProtobufIsSaidToBeOne() throws Exception {
        Path p = dir.resolve("bad.onnx");
        Files.write(p, new byte[] {0x3A, (byte) 0xFF, (byte) 0xFF, 0x7F}); // graph field claiming 2 MB
        assertThatThrownBy(() -> OnnxExternalData.check(p, "bad.onnx"))
                .hasMessage("bad.onnx: not a readable ONNX model (its protobuf is damaged)");
    }

    @Test
    void theTestModelsPass() throws Exception {
        try (var models = Files.list(Path.of("src/test/resources/models"))) {
            for (Path m : models.filter(p -> p.toString().endsWith(".onnx")).toList()) {
                OnnxExternalData.check(m, m.getFileName().toString());
            }
        }
    }
}
