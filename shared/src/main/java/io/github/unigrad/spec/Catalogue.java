package io.github.unigrad.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A named set of components that can be built from a {@link Spec}. Each entry reads its own
 * arguments through {@link Params}; the catalogue checks that no argument was left unread, so an
 * unknown key is an error, and an unknown name lists every valid one.
 *
 * @param <T> what the catalogue builds
 */
public final class Catalogue<T> {
    /** One entry: its name, a one-line description for documentation, and its builder. */
    public record Entry<T>(String name, String summary, Function<Params, T> builder) {
    }

    private final String kind;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    public Catalogue(String kind) {
        this.kind = kind;
    }

    public Catalogue<T> add(String name, String summary, Function<Params, T> builder) {
        if (entries.put(name, new Entry<>(name, summary, builder)) != null) {
            throw new IllegalStateException(kind + " " + name + " registered twice");
        }
        return this;
    }

    /** Another name that builds the same entry (the entry prints its own canonical name). */
    public Catalogue<T> alias(String alias, String name) {
        aliases.put(alias, name);
        return this;
    }

    public T parse(String text) {
        return build(SpecParser.parse(text));
    }

    public T build(Spec spec) {
        String name = aliases.getOrDefault(spec.name(), spec.name());
        Entry<T> e = entries.get(name);
        if (e == null) {
            List<String> valid = new ArrayList<>(entries.keySet());
            throw new SpecException("unknown " + kind + " '" + Excerpt.of(spec.name()) + "'; valid names: "
                    + String.join(", ", valid));
        }
        Params p = new Params(spec);
        T t = e.builder().apply(p);
        p.done();
        return t;
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    public List<Entry<T>> entries() {
        return List.copyOf(entries.values());
    }

    public String kind() {
        return kind;
    }

    /** The kind with its article, for messages: "an optimiser", "a loss". */
    public String what() {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
