package org.shiftscope.embedding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;

/**
 * The files an ONNX model's tensors keep their weights in ("external data"), read from the model's protobuf before
 * the engine opens it: ONNX Runtime would read whatever path a tensor names, so a model file could pull any local
 * file (an absolute path, or one above its folder) into an embedding. Only files inside the model's own folder are
 * allowed.
 */
final class OnnxExternalData {

    /** Deepest nesting of subgraphs followed (real models nest a few levels). */
    static final int MAX_DEPTH = 64;

    private OnnxExternalData() {
    }

    /** Refuses a model whose weights lie outside its folder, with a message naming the model and the path. */
    static void check(Path model, String shown) {
        List<String> locations;
        try (FileChannel ch = FileChannel.open(model, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                return; // protobuf cannot be larger than 2 GB: the engine refuses it itself
            }
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            locations = new ArrayList<>();
            message(b, 0, b.limit(), Kind.MODEL, 0, locations);
        } catch (IOException e) {
            throw DataException.inFile(shown, "cannot be read: " + e.getMessage());
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw DataException.inFile(shown, "not a readable ONNX model (its protobuf is damaged)");
        }
        Path dir = model.toAbsolutePath().normalize().getParent();
        for (String loc : locations) {
            if (!inside(dir, loc)) {
                throw DataException.inFile(shown, "its weights are kept in '" + loc + "', outside the model's folder;"
                        + " ShiftScope reads a model's external weights only from files beside it (a model file"
                        + " must not read other files): export the model with its weights inside it, or beside it");
            }
        }
    }

    /** Whether {@code location} names a file inside {@code dir} (links resolved), never above it or absolute. */
    static boolean inside(Path dir, String location) {
        if (location.isEmpty() || location.startsWith("/") || location.startsWith("\\") || location.contains(":")
                || location.contains("\0")) {
            return false;
        }
        for (String part : location.split("[/\\\\]")) {
            if (part.equals("..")) {
                return false;
            }
        }
        Path p = dir.resolve(location).normalize();
        if (!p.startsWith(dir)) {
            return false;
        }
        try {
            return !Files.exists(p) || p.toRealPath().startsWith(dir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private enum Kind { MODEL, FUNCTION, GRAPH, NODE, ATTRIBUTE, SPARSE, TENSOR, ENTRY }

    /** Walks one message's fields; collects the "location" of every tensor's external data. */
    private static void message(ByteBuffer b, int from, int to, Kind kind, int depth, List<String> out) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested too deeply");
        }
        int[] pos = {from};
        String key = null;
        String value = null;
        while (pos[0] < to) {
            long tag = varint(b, pos, to);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case 0 -> varint(b, pos, to);
                case 1 -> skip(pos, 8, to);
                case 5 -> skip(pos, 4, to);
                case 2 -> {
                    long len = varint(b, pos, to);
                    if (len < 0 || len > to - pos[0]) {
                        throw new IllegalArgumentException("length beyond the message");
                    }
                    int start = pos[0];
                    int end = start + (int) len;
                    Kind child = child(kind, field);
                    if (child != null) {
                        message(b, start, end, child, depth + 1, out);
                    } else if (kind == Kind.ENTRY && (field == 1 || field == 2)) {
                        byte[] s = new byte[end - start];
                        b.get(start, s);
                        String text = new String(s, java.nio.charset.StandardCharsets.UTF_8);
                        if (field == 1) {
                            key = text;
                        } else {
                            value = text;
                        }
                    }
                    pos[0] = end;
                }
                default -> throw new IllegalArgumentException("wire type " + wire);
            }
        }
        if (kind == Kind.ENTRY && "location".equals(key)) {
            out.add(value == null ? "" : value);
        }
    }

    /** The message type of a length-delimited field that can hold tensors, or null for the others. */
    private static Kind child(Kind kind, int field) {
        return switch (kind) {
            case MODEL -> field == 7 ? Kind.GRAPH : field == 25 ? Kind.FUNCTION : null;
            case FUNCTION -> field == 7 ? Kind.NODE : null;
            case GRAPH -> field == 1 ? Kind.NODE : field == 5 ? Kind.TENSOR : field == 15 ? Kind.SPARSE : null;
            case NODE -> field == 5 ? Kind.ATTRIBUTE : null;
            case ATTRIBUTE -> field == 5 || field == 10 ? Kind.TENSOR : field == 6 || field == 11 ? Kind.GRAPH
                    : field == 22 || field == 23 ? Kind.SPARSE : null;
            case SPARSE -> field == 1 || field == 2 ? Kind.TENSOR : null;
            case TENSOR -> field == 13 ? Kind.ENTRY : null;
            case ENTRY -> null;
        };
    }

    private static long varint(ByteBuffer b, int[] pos, int to) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= to) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte x = b.get(pos[0]++);
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static void skip(int[] pos, int n, int to) {
        if (to - pos[0] < n) {
            throw new IllegalArgumentException("truncated field");
        }
        pos[0] += n;
    }
}
