import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Prepares the jars of a folder for an installer, in place: removes other platforms' native libraries (and debug
 * symbols); moves PyTorch's libraries out of their jar into NATIVE_DIR as plain files (the app points DJL there, so
 * nothing is unpacked into the user's home on first use); and stores the natives left in jars that are over 8 MB
 * uncompressed, so the package's own compression (xz) compresses them better than a jar's deflate could. Run by
 * installers/package.sh with the JDK's source launcher:
 * {@code java installers/PrepareJars.java linux-x86_64 LIB_DIR NATIVE_DIR}.
 */
public final class PrepareJars {

    /** A jar family's native folders: the regex's group 1 names the platform, in the family's own words. */
    record Rule(Pattern pattern, Map<String, String> token) {
    }

    private static final List<String> PLATFORMS = List.of("linux-x86_64", "linux-aarch64", "win-x86_64",
            "osx-aarch64");

    private static final List<Rule> RULES = List.of(
            // ONNX Runtime
            new Rule(Pattern.compile("^ai/onnxruntime/native/([^/]+)/"), Map.of("linux-x86_64", "linux-x64",
                    "linux-aarch64", "linux-aarch64", "win-x86_64", "win-x64", "osx-aarch64", "osx-aarch64")),
            // DuckDB
            new Rule(Pattern.compile("^libduckdb_java\\.so_(.+)$"), Map.of("linux-x86_64", "linux_amd64",
                    "linux-aarch64", "linux_arm64", "win-x86_64", "windows_amd64", "osx-aarch64", "osx_universal")),
            // HuggingFace tokenizers (DJL)
            new Rule(Pattern.compile("^native/lib/([^/]+)/"), Map.of("linux-x86_64", "linux-x86_64",
                    "linux-aarch64", "linux-aarch64", "win-x86_64", "win-x86_64", "osx-aarch64", "osx-aarch64")),
            // PyTorch JNI (DJL)
            new Rule(Pattern.compile("^jnilib/([^/]+)/"), Map.of("linux-x86_64", "linux-x86_64",
                    "linux-aarch64", "linux-aarch64", "win-x86_64", "win-x86_64", "osx-aarch64", "osx-aarch64")),
            // SQLite JDBC
            new Rule(Pattern.compile("^org/sqlite/native/([^/]+/[^/]+)/"), Map.of("linux-x86_64", "Linux/x86_64",
                    "linux-aarch64", "Linux/aarch64", "win-x86_64", "Windows/x86_64", "osx-aarch64", "Mac/aarch64")),
            // JNA's dispatch library (its Java classes live beside it and are kept)
            new Rule(Pattern.compile("^com/sun/jna/([^/]+)/(lib)?jnidispatch\\.[a-z]+$"), Map.of("linux-x86_64",
                    "linux-x86-64", "linux-aarch64", "linux-aarch64", "win-x86_64", "win32-x86-64", "osx-aarch64",
                    "darwin-aarch64")));

    private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib|a)$|^libduckdb_java\\.so_.*");
    /** PyTorch's libraries in DJL's native jar: pytorch/FLAVOR/CLASSIFIER/FILE. */
    private static final Pattern PYTORCH = Pattern.compile("^pytorch/[^/]+/[^/]+/([^/]+)$");
    private static final long STORE_OVER = 8L << 20;

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !PLATFORMS.contains(args[0])) {
            System.err.println("usage: java PrepareJars.java " + String.join("|", PLATFORMS) + " LIB_DIR NATIVE_DIR");
            System.exit(2);
        }
        Path nativeDir = Path.of(args[2]);
        String platform = args[0];
        long before = 0;
        long after = 0;
        List<Path> jars;
        try (var s = Files.list(Path.of(args[1]))) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            before += Files.size(jar);
            prepare(jar, platform, nativeDir);
            after += Files.size(jar);
        }
        System.out.printf("natives for %s: %d jars, %.1f MiB -> %.1f MiB (PyTorch's libraries in %s)%n", platform,
                jars.size(), before / 1048576.0, after / 1048576.0, nativeDir);
    }

    /** True when the entry belongs to another platform, or is debug symbols. */
    static boolean foreign(String name, String platform) {
        if (name.endsWith(".pdb") || name.contains(".dSYM/")) {
            return true;
        }
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(name);
            if (m.find()) {
                return !m.group(1).equals(r.token().get(platform));
            }
        }
        return false;
    }

    private static void prepare(Path jar, String platform, Path nativeDir) throws IOException {
        List<String> dropped = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        boolean pytorchJar = jar.getFileName().toString().startsWith("pytorch-native-");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (foreign(name, platform)) {
                    dropped.add(name);
                } else if (pytorchJar && PYTORCH.matcher(name).matches()) {
                    moved.add(name);
                } else if (!entry.isDirectory() && NATIVE.matcher(name).matches() && entry.getSize() > STORE_OVER
                        && entry.getMethod() != ZipEntry.STORED) {
                    stored.add(name);
                }
            }
            if (dropped.isEmpty() && moved.isEmpty() && stored.isEmpty()) {
                return;
            }
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (dropped.contains(name)) {
                        continue;
                    }
                    if (moved.contains(name)) {
                        Matcher m = PYTORCH.matcher(name);
                        m.matches();
                        Files.createDirectories(nativeDir);
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, nativeDir.resolve(m.group(1)), StandardCopyOption.REPLACE_EXISTING);
                        }
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(entry.getTime());
                    if (stored.contains(name)) {
                        copy.setMethod(ZipEntry.STORED);
                        copy.setSize(entry.getSize());
                        copy.setCompressedSize(entry.getSize());
                        copy.setCrc(entry.getCrc());
                    }
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("  " + jar.getFileName() + ": " + dropped.size() + " entries of other platforms removed, "
                + moved.size() + " moved out, " + stored.size() + " stored uncompressed");
    }
}
