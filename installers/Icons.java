import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the Windows (.ico) and macOS (.icns) icons from assets/icons/shiftscope.png; both formats hold PNG images
 * directly. Run once when the PNG changes: {@code java installers/Icons.java} (the results are committed).
 */
public final class Icons {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/icons");
        BufferedImage source = ImageIO.read(dir.resolve("shiftscope.png").toFile());
        int[] icoSizes = {16, 24, 32, 48, 64, 128, 256};
        List<byte[]> pngs = new ArrayList<>();
        for (int s : icoSizes) {
            pngs.add(png(scaled(source, s)));
        }
        ByteBuffer ico = ByteBuffer.allocate(6 + 16 * icoSizes.length + pngs.stream().mapToInt(b -> b.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        ico.putShort((short) 0).putShort((short) 1).putShort((short) icoSizes.length);
        int offset = 6 + 16 * icoSizes.length;
        for (int i = 0; i < icoSizes.length; i++) {
            int s = icoSizes[i];
            ico.put((byte) (s == 256 ? 0 : s)).put((byte) (s == 256 ? 0 : s)).put((byte) 0).put((byte) 0)
                    .putShort((short) 1).putShort((short) 32).putInt(pngs.get(i).length).putInt(offset);
            offset += pngs.get(i).length;
        }
        pngs.forEach(ico::put);
        Files.write(dir.resolve("shiftscope.ico"), ico.array());

        // icns: 'ic07' 128, 'ic08' 256, 'ic09' 512 (PNG payloads), each type + length (big-endian, with header)
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(scaled(source, sizes[i]));
            out.writeBytes(types[i]);
            out.writeInt(8 + p.length);
            out.write(p);
        }
        ByteArrayOutputStream icns = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(icns);
        head.writeBytes("icns");
        head.writeInt(8 + body.size());
        head.write(body.toByteArray());
        Files.write(dir.resolve("shiftscope.icns"), icns.toByteArray());
    }

    private static BufferedImage scaled(BufferedImage src, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "png", b);
        return b.toByteArray();
    }
}
