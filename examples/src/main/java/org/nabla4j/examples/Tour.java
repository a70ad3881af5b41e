package org.nabla4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nabla4j.core.Backend;
import org.nabla4j.core.BackendNotFoundException;
import org.nabla4j.core.Backends;

/**
 * The runnable tour of calculus for deep learning: limits and derivatives, gradients, gradient descent,
 * backpropagation with Momentum and Adam, Lagrange multipliers, definite integrals, exploding and vanishing gradients,
 * and the stability bound of gradient descent, each section computed with Nabla4j and checked against closed forms.
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; java -jar examples/target/nabla4j-examples.jar
 * mvn -B -q -DskipTests -Pnd4j package &amp;&amp; java -jar examples/target/nabla4j-examples.jar --backend nd4j
 * </pre>
 *
 * <p>Options: {@code --backend NAME} chooses the backend ({@code ejml} or {@code nd4j}); without it the system
 * property {@value Backends#PROPERTY} or the environment variable {@value Backends#ENV} decides, and else EJML, the
 * embedded pure-Java backend (even when ND4J is also on the class path). {@code --out DIR} is the folder for the
 * loss-curve chart (default {@code target/tour} under the working directory). A backend that is asked for but not
 * on the class path ends the tour with exit status 1 and a message naming the artifact to add.
 */
public final class Tour {
    /** The backend used when nothing else is asked for. */
    public static final String DEFAULT_BACKEND = "ejml";
    /** The default output folder, relative to the working directory. */
    public static final Path DEFAULT_OUT = Path.of("target", "tour");
    /** Exit status when the requested backend is not available. */
    public static final int EXIT_NO_BACKEND = 1;
    /** Exit status for a usage error. */
    public static final int EXIT_USAGE = 2;

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -jar nabla4j-examples.jar [--backend ejml|nd4j] [--out DIR]",
            "  --backend NAME  backend to run on (default: -Dnabla4j.backend, else $NABLA4J_BACKEND, else ejml)",
            "  --out DIR       folder for the loss-curve PNG (default: target/tour)",
            "  -h, --help      print this help");

    private Tour() {}

    /**
     * Parsed command-line options.
     *
     * @param backend the backend named with {@code --backend}, or null
     * @param outDir the output folder
     * @param help whether help was asked for
     */
    public record Options(String backend, Path outDir, boolean help) {}

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException on an unknown option or a missing value
     */
    public static Options parse(String... args) {
        String backend = null;
        Path out = DEFAULT_OUT;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                help = true;
            } else if (a.equals("--backend") || a.equals("--out")) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                if (a.equals("--backend")) {
                    backend = v;
                } else {
                    out = Path.of(v);
                }
            } else if (a.startsWith("--backend=")) {
                backend = a.substring("--backend=".length());
            } else if (a.startsWith("--out=")) {
                out = Path.of(a.substring("--out=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (backend != null && backend.isBlank()) {
            throw new IllegalArgumentException("--backend needs a value");
        }
        return new Options(backend, out, help);
    }

    /**
     * The backend the options ask for: {@code --backend}, else property {@value Backends#PROPERTY}, else environment
     * variable {@value Backends#ENV}, else {@value #DEFAULT_BACKEND}.
     *
     * @throws BackendNotFoundException naming the artifact to add when that backend is not on the class path
     */
    public static Backend selectBackend(Options options) {
        return Backends.get(requestedBackend(options));
    }

    private static String requestedBackend(Options options) {
        if (options.backend() != null) {
            return options.backend();
        }
        String name = System.getProperty(Backends.PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(Backends.ENV);
        }
        return name == null || name.isBlank() ? DEFAULT_BACKEND : name;
    }

    private static String source(Options options) {
        if (options.backend() != null) {
            return "--backend option";
        }
        String p = System.getProperty(Backends.PROPERTY);
        if (p != null && !p.isBlank()) {
            return "system property " + Backends.PROPERTY;
        }
        String e = System.getenv(Backends.ENV);
        return e != null && !e.isBlank() ? "environment variable " + Backends.ENV : "default";
    }

    /**
     * Runs the tour with the given command line, printing to {@code out} and errors to {@code err}.
     *
     * @return the exit status: 0, {@link #EXIT_NO_BACKEND} or {@link #EXIT_USAGE}
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("nabla4j-examples: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        Backend backend;
        try {
            backend = selectBackend(options);
        } catch (BackendNotFoundException e) {
            err.println("nabla4j-examples: " + e.getMessage());
            if (requestedBackend(options).trim().equalsIgnoreCase("nd4j")) {
                err.println("(build the tour with ND4J: mvn -B -q -DskipTests -Pnd4j package)");
            }
            return EXIT_NO_BACKEND;
        }
        String source = source(options);
        // library code that asks for the default backend must agree with the one the tour runs on
        System.setProperty(Backends.PROPERTY, backend.name());
        List<String> available = new ArrayList<>();
        for (Backend b : Backends.available()) {
            available.add(b.name());
        }
        out.println("Nabla4j tour: calculus for deep learning");
        out.println("backend: " + backend.name() + " (" + source + "; on the class path: " + available + ")");
        TourResult result = run(backend, options.outDir(), out);
        out.println();
        Report.printf(out, "tour finished on %s in %.1f s%n", result.backend(), result.seconds());
        return 0;
    }

    /**
     * Runs every section on {@code backend}, printing to {@code out}.
     *
     * @param backend the backend
     * @param outDir the folder for files the tour writes (the loss-curve chart)
     * @param out where the tour prints
     * @return the key numbers of every section
     */
    public static TourResult run(Backend backend, Path outDir, PrintStream out) {
        long start = System.nanoTime();
        var limits = timed(out, () -> LimitsAndDerivatives.run(backend, out));
        var partials = timed(out, () -> PartialDerivatives.run(backend, out));
        var regression = timed(out, () -> LinearRegression.run(backend, out));
        var mlp = timed(out, () -> MlpTraining.run(backend, outDir, out));
        var constrained = timed(out, () -> LagrangeMultipliers.run(backend, out));
        var integrals = timed(out, () -> DefiniteIntegrals.run(backend, out));
        var recurrent = timed(out, () -> RecurrentGradients.run(backend, out));
        var stability = timed(out, () -> LyapunovStability.run(backend, out));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TourResult(
                backend.name(),
                limits,
                partials,
                regression,
                mlp,
                constrained,
                integrals,
                recurrent,
                stability,
                seconds);
    }

    private static <T> T timed(PrintStream out, Supplier<T> section) {
        long t = System.nanoTime();
        T result = section.get();
        out.println(Report.format("  [%.2f s]", (System.nanoTime() - t) / 1e9));
        out.flush();
        return result;
    }

    /**
     * Command-line entry point; see the class documentation for the options. Exits with the status of
     * {@link #execute}, or 1 if a section fails.
     */
    public static void main(String[] args) {
        int status;
        try {
            status = execute(args, System.out, System.err);
        } catch (RuntimeException | Error e) {
            System.out.flush();
            System.err.println("nabla4j-examples: the tour failed:");
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // native backends may keep non-daemon threads alive; the tour is over either way
        System.exit(status);
    }
}
