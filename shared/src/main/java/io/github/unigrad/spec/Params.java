package io.github.unigrad.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the arguments of one {@link Spec} for the component it names, checking each value as it
 * is read. Every error names the component, the key, the value given and what is allowed. Call
 * {@link #done()} last: it rejects keys nobody asked for, listing the valid ones. Messages quote the
 * spec and the values through {@link Excerpt}, so they stay short whatever the input.
 *
 * <p>Positional arguments are accepted only where the component declares which key they stand
 * for ({@link #positionalKeys(String...)}), as in {@code cosine(1e-3, steps=1000)}.
 */
public final class Params {
    /** 2^63, the first double above every long. */
    private static final double LONG_LIMIT = 0x1p63;

    private final Spec spec;
    private final Set<String> asked = new LinkedHashSet<>();
    private List<String> positionalKeys = List.of();

    public Params(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** Declares the keys that positional arguments stand for, in order. */
    public Params positionalKeys(String... keys) {
        if (spec.positional().size() > keys.length) {
            throw new SpecException(spec.name() + " takes at most " + keys.length + " positional argument"
                    + (keys.length == 1 ? "" : "s") + (keys.length == 0 ? "" : " (" + String.join(", ", keys) + ")")
                    + ", got " + spec.positional().size() + " in " + Excerpt.of(spec));
        }
        for (int i = 0; i < spec.positional().size(); i++) {
            if (spec.named().containsKey(keys[i])) {
                throw new SpecException(spec.name() + ": '" + keys[i] + "' given both by position and by name in " + Excerpt.of(spec));
            }
        }
        this.positionalKeys = List.of(keys);
        return this;
    }

    private Object raw(String key) {
        asked.add(key);
        int i = positionalKeys.indexOf(key);
        if (i >= 0 && i < spec.positional().size()) {
            return spec.positional().get(i);
        }
        return spec.named().get(key);
    }

    /** Whether the key was given (by name or position). */
    public boolean has(String key) {
        return raw(key) != null;
    }

    /** Whether the key was given as a number (rather than, say, a nested spec). */
    public boolean isNumber(String key) {
        return raw(key) instanceof Double;
    }

    /** A real number in {@code range}, or {@code def} when absent. */
    public double real(String key, double def, Range range) {
        Object v = raw(key);
        double d;
        if (v == null) {
            d = def;
        } else if (v instanceof Double x) {
            d = x;
        } else {
            throw wrongType(key, v, "a number");
        }
        return check(key, d, range);
    }

    /** A real number that must be given. */
    public double requiredReal(String key, Range range) {
        if (raw(key) == null) {
            throw new SpecException(spec.name() + ": missing required '" + key + "' (a number in " + range + ") in " + Excerpt.of(spec));
        }
        return real(key, Double.NaN, range);
    }

    public double check(String key, double d, Range range) {
        if (!range.contains(d)) {
            throw new SpecException(spec.name() + ": " + key + " = " + Spec.formatNumber(d)
                    + " is out of range; allowed " + range);
        }
        return d;
    }

    /** A whole number in [min, max], or {@code def} when absent. */
    public int integer(String key, int def, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Double x) || x != Math.rint(x)) {
            throw wrongType(key, v, "a whole number");
        }
        if (x < min || x > max) {
            throw new SpecException(spec.name() + ": " + key + " = " + Spec.formatNumber(x)
                    + " is out of range; allowed [" + min + ", " + (max == Integer.MAX_VALUE ? "inf" : max) + "]");
        }
        return (int) (double) x;
    }

    /** A long in [min, 2^63) (so neither infinity nor 2^63 is read as Long.MAX_VALUE), or {@code def} when absent. */
    public long wholeNumber(String key, long def, long min) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Double x) || x != Math.rint(x)) {
            throw wrongType(key, v, "a whole number");
        }
        if (x < min || x >= LONG_LIMIT) {
            throw new SpecException(spec.name() + ": " + key + " = " + Spec.formatNumber(x)
                    + " is out of range; allowed whole numbers in [" + min + ", 2^63)");
        }
        return (long) (double) x;
    }

    public boolean bool(String key, boolean def) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(key, v, "true or false");
        }
        return b;
    }

    /** One of the constants of {@code type}, written in lower case in specs. */
    public <E extends Enum<E>> E choice(String key, E def, Class<E> type) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String n = e.name().toLowerCase(Locale.ROOT);
            valid.add(n);
            if (n.equals(String.valueOf(v).toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new SpecException(spec.name() + ": " + key + " = " + Excerpt.of(v) + " is not valid; valid values: "
                + String.join(", ", valid));
    }

    /** A list of reals, each in {@code range}; a single number is read as a list of one. {@code def} when absent. */
    public double[] reals(String key, double[] def, Range range) {
        Object v = raw(key);
        if (v == null) {
            return def == null ? null : def.clone();
        }
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(items.get(i) instanceof Double d)) {
                throw wrongType(key, v, "a list of numbers");
            }
            out[i] = check(key + "[" + i + "]", d, range);
        }
        return out;
    }

    /** A nested component from {@code catalogue} ({@code inner=sgd(lr=0.1)}, or a bare name); {@code def} when absent. */
    public <T> T component(String key, T def, Catalogue<T> catalogue) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        return catalogue.build(asSpec(key, v, catalogue));
    }

    /** A list of nested components from {@code catalogue}; a single one is read as a list of one. */
    public <T> List<T> components(String key, Catalogue<T> catalogue) {
        Object v = raw(key);
        if (v == null) {
            return null;
        }
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        List<T> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(catalogue.build(asSpec(key, o, catalogue)));
        }
        return out;
    }

    private Spec asSpec(String key, Object v, Catalogue<?> catalogue) {
        if (v instanceof Spec s) {
            return s;
        }
        if (v instanceof String s) {
            return Spec.of(s);
        }
        throw wrongType(key, v, catalogue.what() + " (a name such as " + catalogue.names().get(0)
                + ", or name(key=value, ...))");
    }

    /** Rejects any key that was given but never read, listing the keys this component knows. */
    public void done() {
        if (spec.positional().size() > positionalKeys.size()) {
            throw new SpecException(spec.name() + " takes " + (positionalKeys.isEmpty() ? "no positional arguments"
                    : "at most " + positionalKeys.size() + " positional argument" + (positionalKeys.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", positionalKeys) + ")") + ", got " + spec.positional().size() + " in " + Excerpt.of(spec)
                    + "; name the keys, e.g. key=value");
        }
        List<String> unknown = new ArrayList<>();
        for (String k : spec.named().keySet()) {
            if (!asked.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new SpecException(spec.name() + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + Excerpt.of(String.join(", ", unknown)) + "; valid keys: " + (asked.isEmpty() ? "(none)" : String.join(", ", asked)));
        }
    }

    private SpecException wrongType(String key, Object v, String expected) {
        String given = v instanceof Double d ? (Double.isFinite(d) && d != Math.rint(d) ? "a fractional number" : "a number")
                : v instanceof Boolean ? "a boolean" : v instanceof List<?> ? "a list" : v instanceof Spec ? "a spec" : "a word";
        return new SpecException(spec.name() + ": " + key + " = " + Excerpt.of(v) + " is " + given + "; expected " + expected);
    }
}
