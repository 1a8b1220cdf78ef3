package io.github.unigrad.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed component specification: a name with positional and named arguments, as in
 * {@code focal(gamma=2, alpha=0.25)} or {@code adamw(lr=cosine(1e-3, steps=10000), weightDecay=0.01)}.
 *
 * <p>Argument values are {@link Double}, {@link Boolean}, {@link String} (a bare word such as
 * {@code log}), a nested {@code Spec}, or a {@link List} of those. {@link #toString()} prints the
 * canonical text, which {@link SpecParser#parse(String)} reads back to an equal {@code Spec}.
 *
 * <p>A spec nests at most {@link SpecParser#MAX_DEPTH} levels of specs and lists (so printing,
 * comparing and building one never exhausts the stack), and holds no negative zero: {@code -0} is
 * stored as {@code 0}, since the two print alike.
 */
public final class Spec {
    private final String name;
    private final List<Object> positional;
    private final Map<String, Object> named;
    /** 1 for a spec without nested specs or lists; each level of nesting adds 1. */
    private final int depth;

    private Spec(String name, List<Object> positional, Map<String, Object> named) {
        this.name = name;
        this.positional = Collections.unmodifiableList(positional);
        this.named = Collections.unmodifiableMap(named);
        this.depth = 1 + Math.max(depth(positional), depth(named.values()));
        if (depth > SpecParser.MAX_DEPTH) {
            throw new SpecException(Excerpt.of(name) + ": nested deeper than " + SpecParser.MAX_DEPTH
                    + " levels (the limit on specs and lists inside each other)");
        }
    }

    /** The deepest nesting among {@code values}: a spec's depth, 1 + the deepest item for a list, 0 otherwise. */
    private static int depth(Iterable<?> values) {
        int d = 0;
        for (Object v : values) {
            if (v instanceof Spec s) {
                d = Math.max(d, s.depth);
            } else if (v instanceof List<?> l) {
                d = Math.max(d, 1 + depth(l));
            }
        }
        return d;
    }

    /** A spec with the given name and no arguments yet; add them with {@link #with}. */
    public static Spec of(String name) {
        return new Spec(name, List.of(), new LinkedHashMap<>());
    }

    static Spec parsed(String name, List<Object> positional, Map<String, Object> named) {
        return new Spec(name, new ArrayList<>(positional), new LinkedHashMap<>(named));
    }

    /** A copy with one more named argument; a number may be given as any {@link Number}, an array as {@code double[]}. */
    public Spec with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(named);
        copy.put(key, normalise(value));
        return new Spec(name, new ArrayList<>(positional), copy);
    }

    private static Object normalise(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue() + 0.0; // -0 + 0 = +0
        }
        if (value instanceof double[] a) {
            List<Object> list = new ArrayList<>(a.length);
            for (double d : a) {
                list.add(d + 0.0);
            }
            return list;
        }
        if (value instanceof int[] a) {
            List<Object> list = new ArrayList<>(a.length);
            for (int d : a) {
                list.add((double) d);
            }
            return list;
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (value instanceof SpecDescribed s) {
            return s.spec();
        }
        if (value instanceof List<?> l) {
            List<Object> list = new ArrayList<>(l.size());
            for (Object o : l) {
                list.add(normalise(o));
            }
            return list;
        }
        if (value instanceof Boolean || value instanceof String || value instanceof Spec) {
            return value;
        }
        throw new IllegalArgumentException("cannot put a " + value.getClass().getName() + " in a spec");
    }

    public String name() {
        return name;
    }

    public List<Object> positional() {
        return positional;
    }

    public Map<String, Object> named() {
        return named;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('(');
        boolean first = true;
        for (Object p : positional) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            appendValue(sb, p);
        }
        for (Map.Entry<String, Object> e : named.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=');
            appendValue(sb, e.getValue());
        }
        return sb.append(')').toString();
    }

    static void appendValue(StringBuilder sb, Object v) {
        if (v instanceof Double d) {
            sb.append(formatNumber(d));
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendValue(sb, l.get(i));
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    /** The shortest text that reads back to exactly {@code d}: {@code 2}, {@code 0.5}, {@code 1e-08}. */
    public static String formatNumber(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spec s && s.name.equals(name) && s.positional.equals(positional) && s.named.equals(named);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, positional, named);
    }
}
