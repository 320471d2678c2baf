package org.shiftscope.core;

import java.util.Locale;

/**
 * How much memory Java may use here, and what to tell a user whose data need more: how big, how much the heap
 * allows, and how to give more. Readers check a declared size against {@link #check} before they allocate, so a
 * header that promises billions of values gets this message instead of an OutOfMemoryError.
 */
public final class Memory {

    /** Share of the free heap one allocation may take before it is refused as too large. */
    static final double SHARE = 0.8;

    private Memory() {
    }

    /** Bytes the heap can still grow to hold: the maximum minus what is in use now. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws a {@link DataException} naming {@code file} when {@code bytes} (what {@code what} needs) exceed what
     * the heap can hold.
     */
    public static void check(String file, String what, long bytes) {
        if (bytes < 0 || bytes > SHARE * available()) {
            throw DataException.inFile(file, what + " needs " + (bytes < 0 ? "more memory than any machine has"
                    : human(bytes) + " of memory") + "; " + advice());
        }
    }

    /**
     * "Java may use at most 1.9 GB here (this machine has 7.8 GB); give it more with SHIFTSCOPE_JAVA_OPTS=-Xmx6g".
     */
    public static String advice() {
        long max = Runtime.getRuntime().maxMemory();
        long machine = machine();
        long suggest = machine > 0 ? Math.max(1, (long) (0.75 * machine / (1L << 30))) : 2 * max / (1L << 30) + 1;
        return "Java may use at most " + human(max) + " here" + (machine > 0 ? " (this machine has " + human(machine)
                + ")" : "") + "; give it more with SHIFTSCOPE_JAVA_OPTS=-Xmx" + suggest + "g, or use a smaller file";
    }

    /** The machine's physical memory in bytes (Linux: /proc/meminfo), or 0 when unknown. */
    static long machine() {
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/meminfo"))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("MemTotal:")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Bytes as "512 kB", "3.4 MB", "1.9 GB", "8,000 GB". */
    public static String human(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%d kB", (bytes + 1023) / 1024);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%,.1f GB", bytes / (double) (1L << 30));
    }
}
