package org.nabla4j.backend.nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test class path in a fresh JVM, for tests that need their own process settings. */
final class ChildJvm {
    /** The exit status and the merged standard output and error of a child JVM. */
    record Result(int exitCode, String output) {}

    private ChildJvm() {}

    /**
     * Runs {@code mainClass} with the current class path, the given JVM options, environment additions and
     * arguments, and waits at most {@code timeoutSeconds}.
     */
    static Result run(
            Class<?> mainClass, List<String> jvmOptions, Map<String, String> env, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("NABLA4J_BACKEND");
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the process died; its exit code tells the test
            }
        });
        pump.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            pump.join(5000);
            return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + out.toString(StandardCharsets.UTF_8));
        }
        pump.join(5000);
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
