package org.shiftscope.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** ShiftScope's version, as the build wrote it into shiftscope-version.properties. */
public final class Version {

    private Version() {
    }

    public static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/shiftscope-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
