package org.nabla4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark method once, briefly, so that the benchmarks cannot rot: in-process (no fork), one 50 ms
 * warm-up and one 50 ms measurement iteration, the smallest size, every backend. Any exception in a benchmark fails
 * the test with its cause.
 */
class BenchmarkSmokeTest {
    private static final TimeValue ITERATION = TimeValue.milliseconds(50);

    /** Every class of this package whose name ends in {@code Benchmark}, found in the compiled classes. */
    static List<Class<?>> benchmarkClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(MatmulBenchmark.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(MatmulBenchmark.class.getPackageName().replace('.', '/'));
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith("Benchmark.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            out.add(Class.forName(MatmulBenchmark.class.getPackageName() + "." + n));
        }
        return out;
    }

    @Test
    void findsTheBenchmarkClasses() throws Exception {
        Set<String> names =
                benchmarkClasses().stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(
                names.containsAll(List.of(
                        "MatmulBenchmark",
                        "ElementwiseBenchmark",
                        "ReductionBenchmark",
                        "SolveBenchmark",
                        "RawNd4jMatmulBenchmark",
                        "RawNd4jElementwiseBenchmark",
                        "TapeScalarBenchmark",
                        "TapeGraphBenchmark",
                        "MlpTrainingBenchmark",
                        "QuadratureBenchmark",
                        "ConstrainedBenchmark")),
                names::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarkClasses")
    void everyBenchmarkMethodProducesAResult(Class<?> cls) throws RunnerException {
        List<String> methods = Arrays.stream(cls.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName)
                .sorted()
                .collect(Collectors.toList());
        assertFalse(methods.isEmpty(), cls + " has no @Benchmark method");

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(cls.getName()) + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(ITERATION)
                .measurementIterations(1)
                .measurementTime(ITERATION)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        int combinations = 1;
        for (Field f : cls.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null) {
                continue;
            }
            String[] values = smokeValues(f.getName(), p.value());
            options.param(f.getName(), values);
            combinations *= values.length;
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        assertEquals(methods.size() * combinations, results.size(), "results of " + cls.getSimpleName());
        List<String> measured = results.stream()
                .map(r -> r.getParams().getBenchmark())
                .map(b -> b.substring(b.lastIndexOf('.') + 1))
                .distinct()
                .sorted()
                .collect(Collectors.toList());
        assertEquals(methods, measured);
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            assertTrue(
                    Double.isFinite(score) && score > 0,
                    r.getParams().getBenchmark() + " " + r.getParams() + ": score " + score);
        }
    }

    /** Every backend; the smallest size; the first value of any other parameter. */
    private static String[] smokeValues(String name, String[] values) {
        if ("backend".equals(name)) {
            return values;
        }
        if (BenchmarkResult.SIZE_PARAMS.contains(name)) {
            return new String[] {
                Arrays.stream(values)
                        .min(Comparator.comparingLong(Long::parseLong))
                        .orElseThrow()
            };
        }
        return new String[] {values[0]};
    }
}
