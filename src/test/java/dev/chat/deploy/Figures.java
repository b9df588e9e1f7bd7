package dev.chat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Measured figures, printed and kept in target/deploy-figures.txt for the README. */
final class Figures {

    private static final Path FILE = Path.of("target", "deploy-figures.txt");

    private Figures() {
    }

    static void record(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[figure] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
