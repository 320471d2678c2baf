package org.shiftscope.ui.report;

import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Readies WebKit off the FX thread before the report's browser is made there: its native part (about a second to
 * load) and its Java classes (about 320, read from javafx-web's jar: 50-80 ms when the FX thread loaded them while
 * making the browser). The DOM's classes are left out: the preview does not touch the page's DOM from Java.
 */
final class BrowserWarmUp {

    /** Once per process: a later preview finds WebKit ready (the jar is not read again). */
    private static final java.util.concurrent.atomic.AtomicBoolean DONE =
            new java.util.concurrent.atomic.AtomicBoolean();

    private BrowserWarmUp() {
    }

    static void run() {
        if (DONE.getAndSet(true)) {
            return;
        }
        ClassLoader loader = BrowserWarmUp.class.getClassLoader();
        try {
            Class.forName("com.sun.webkit.WebPage", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return; // the browser then starts when it is made
        }
        try {
            CodeSource source = javafx.scene.web.WebView.class.getProtectionDomain().getCodeSource();
            if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
                return; // a runtime image or an exploded build: the classes load when used
            }
            try (JarFile jar = new JarFile(Path.of(source.getLocation().toURI()).toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.endsWith(".class") && !name.startsWith("com/sun/webkit/dom/")
                            && !name.startsWith("com/sun/javafx/fxml/") && !name.endsWith("module-info.class")) {
                        load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader);
                    }
                }
            }
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            // the classes load when used
        }
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // one class fewer loaded ahead
        }
    }
}
