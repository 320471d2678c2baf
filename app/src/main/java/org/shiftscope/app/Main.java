package org.shiftscope.app;

import javafx.application.Application;
import org.shiftscope.ui.ShiftScopeApp;

/**
 * Entry point. With no arguments (or only {@code --project FILE}) it opens the desktop app; otherwise it runs a
 * CLI command. Deliberately not a subclass of {@link Application}: with JavaFX on the class path the JVM's launcher
 * would otherwise insist on JavaFX modules.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        GlobalOptions global = null;
        try {
            global = GlobalOptions.parse(args);
        } catch (org.shiftscope.core.DataException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(Cli.BAD_INPUT);
        }
        if (global.desktop()) {
            String problem = global.apply();
            if (problem != null) {
                System.err.println("warning: " + problem);
            }
            System.exit(openDesktop(global.desktopArgs()));
        }
        // whatever happens, the process ends: a JavaFX thread a command started must not keep it alive
        int code = Cli.INTERNAL;
        try {
            code = Cli.run(args, System.out, System.err);
        } catch (Throwable e) {
            System.err.println("error: internal error (" + e + ")");
        } finally {
            System.exit(code);
        }
    }

    private static int openDesktop(String[] args) {
        try {
            Application.launch(ShiftScopeApp.class, args);
            return 0;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            System.err.println("error: cannot open a window (" + e.getMessage() + "). Run ShiftScope in a desktop"
                    + " session, or under `xvfb-run -a ./shiftscope`; the CLI commands (./shiftscope --help) need no display.");
            return 2;
        }
    }
}
