package org.nabla4j.examples;

import java.io.PrintStream;
import java.util.Locale;

/** Number formatting and headings shared by the tour's sections, so every section prints alike. */
final class Report {
    private Report() {}

    /** Prints a section heading: a blank line, the numbered title, and a rule under it. */
    static void heading(PrintStream out, int number, String title) {
        String line = number + ". " + title;
        out.println();
        out.println(line);
        out.println("=".repeat(line.length()));
    }

    /** Prints a sub-heading inside a section. */
    static void subheading(PrintStream out, String title) {
        out.println();
        out.println("-- " + title);
    }

    /** {@code printf} with the root locale, so decimal points do not depend on the machine. */
    static void printf(PrintStream out, String format, Object... args) {
        out.print(String.format(Locale.ROOT, format, args));
    }

    /** {@code String.format} with the root locale. */
    static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A value in scientific notation with 3 significant decimals, e.g. {@code 1.234e-09}. */
    static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A value with {@code digits} decimals. */
    static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** A vector as {@code [a, b, c]} with {@code digits} decimals each. */
    static String vector(double[] v, int digits) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fixed(v[i], digits));
        }
        return sb.append(']').toString();
    }

    /** The largest absolute element-wise difference of two vectors of equal length. */
    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maxAbsDiff: lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The Euclidean norm of a vector. */
    static double norm2(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
