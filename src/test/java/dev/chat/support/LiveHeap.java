package dev.chat.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The live heap of a running JVM, from outside as an operator would read it: {@code jcmd GC.class_histogram}
 * collects fully first, so its total is what is still reachable.
 */
public final class LiveHeap {

    private LiveHeap() {
    }

    public static long bytes(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process process = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            List<String> lines = output.lines().filter(line -> line.startsWith("Total")).toList();
            if (lines.isEmpty()) {
                throw new IllegalStateException("no histogram from jcmd: " + output);
            }
            String[] fields = lines.get(lines.size() - 1).trim().split("\\s+");
            return Long.parseLong(fields[2]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
