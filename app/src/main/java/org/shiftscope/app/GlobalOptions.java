package org.shiftscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.model.Devices;

/**
 * The options that hold for the app and every command, taken out of the arguments before a command sees them:
 * {@code --device auto|cpu|gpu}, {@code --verbose}, {@code --log-file FILE}, and {@code --gpu} (install the GPU pack:
 * the {@code gpu --install} command). What is left is the command, or the desktop app's own arguments.
 *
 * @param project the project the desktop app opens ({@code --project FILE} or a lone {@code FILE.shiftscope.json})
 * @param desktop true when what is left opens the desktop app rather than a command
 */
record GlobalOptions(String device, boolean verbose, Path logFile, String[] rest, boolean desktop,
                     String project) {

    static final String HELP = "Options for the app and every command: --device auto|cpu|gpu (default auto: the GPU"
            + " when the GPU pack is installed and a CUDA driver is present), --verbose (debug detail on stderr and in"
            + " the log), --log-file FILE (log there instead of ~/.local/state/shiftscope/logs), --gpu (install the"
            + " GPU pack, ~3 GB, once).";

    /** Parses; a bad value of one of these options is a {@link DataException} naming it. */
    static GlobalOptions parse(String[] args) {
        String device = null;
        boolean verbose = false;
        Path logFile = null;
        List<String> rest = new ArrayList<>();
        boolean literal = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (literal || a.equals("--")) {
                literal = true;
                rest.add(a);
            } else if (a.equals("--verbose")) {
                verbose = true;
            } else if (a.equals("--gpu")) {
                rest.add(0, "gpu");
                rest.add(1, "--install");
            } else if (a.equals("--device") || a.startsWith("--device=")) {
                String v = a.equals("--device") ? (i + 1 < args.length ? args[++i] : null) : a.substring(9);
                device = Devices.normalize(v);
                if (device == null) {
                    throw DataException.of("--device " + (v == null ? "needs a value" : "'" + v + "' is not a"
                            + " device") + "; use auto, cpu or gpu");
                }
            } else if (a.equals("--log-file") || a.startsWith("--log-file=")) {
                String v = a.equals("--log-file") ? (i + 1 < args.length ? args[++i] : null) : a.substring(11);
                if (v == null || v.isBlank()) {
                    throw DataException.of("--log-file needs a file name");
                }
                logFile = Path.of(v);
            } else {
                rest.add(a);
            }
        }
        String[] left = rest.toArray(String[]::new);
        String project = null;
        boolean desktop = left.length == 0;
        if (left.length == 2 && left[0].equals("--project")) {
            desktop = true;
            project = left[1];
        } else if (left.length == 1 && left[0].endsWith(".shiftscope.json")) {
            desktop = true; // `shiftscope FILE`, as the file manager runs it
            project = left[0];
        }
        return new GlobalOptions(device, verbose, logFile, left, desktop, project);
    }

    /**
     * Sets the log up (unless it is already and nothing here changes it) and the device choice; returns a warning
     * line when the log file cannot be written, else null.
     */
    String apply() {
        if (device != null) {
            Devices.choose(device);
        }
        if (verbose || logFile != null || org.shiftscope.workflow.Logs.file() == null) {
            return org.shiftscope.workflow.Logs.configure(verbose, logFile);
        }
        return null;
    }

    /** The desktop app's arguments: {@code --project FILE} or nothing. */
    String[] desktopArgs() {
        return project == null ? new String[0] : new String[] {"--project", project};
    }
}
