package io.github.unigrad.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spec grammar:
 * <pre>
 *   spec  := NAME [ '(' [ arg (',' arg)* ] ')' ]
 *   arg   := value | KEY '=' value
 *   value := NUMBER | 'true' | 'false' | 'inf' | '-inf' | 'nan' | spec | WORD | '[' [ value (',' value)* ] ']'
 * </pre>
 * Names and keys are ASCII identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}); space is the ASCII space, tab,
 * carriage return and line feed. Numbers are Java doubles ({@code 2}, {@code -0.5}, {@code 1e-3});
 * {@code -0} is read as {@code 0} (the two print alike, so a component read back from its spec is equal
 * to the one printed). A bare word that is not followed by {@code (} is a string value.
 *
 * <p>Specs and lists nest at most {@link #MAX_DEPTH} levels deep (each {@code (} and {@code [} is a
 * level); deeper text is refused with a {@link SpecException}, so no input can exhaust the stack. Every
 * error is a {@link SpecException} that says what was expected and where: the position (0-based) and
 * at most {@link Excerpt#SIDE} characters on each side, characters that would not show written as
 * code points ({@code [U+00A0]}).
 */
public final class SpecParser {
    /** The deepest nesting of specs and lists accepted (see the class comment); {@link Spec} enforces it too. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private SpecParser(String text) {
        this.text = text;
    }

    /** Parses one complete spec; trailing text is an error. */
    public static Spec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("empty spec: expected something like name(key=value, ...)");
        }
        SpecParser p = new SpecParser(text);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + Excerpt.character(text.codePointAt(p.pos)));
        }
        if (v instanceof String s) {
            return Spec.parsed(s, List.of(), Map.of());
        }
        if (!(v instanceof Spec spec)) {
            throw new SpecException("expected a name such as adam or huber(delta=1), got "
                    + (v instanceof List<?> ? "a list" : "the value " + Excerpt.of(text.trim())));
        }
        return spec;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        if (c == '[') {
            return list();
        }
        if (c == '-' || c == '+' || c == '.' || digit(c)) {
            if (text.startsWith("-inf", pos) && !identifierChar(pos + 4)) {
                pos += 4;
                return Double.NEGATIVE_INFINITY;
            }
            return number();
        }
        if (identifierStart(c)) {
            String word = identifier();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return arguments(word);
            }
            switch (word) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "inf": return Double.POSITIVE_INFINITY;
                case "nan": return Double.NaN;
                default: return word;
            }
        }
        throw error("unexpected " + Excerpt.character(text.codePointAt(pos)) + " where a value was expected");
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private boolean identifierChar(int i) {
        return i < text.length() && (identifierStart(text.charAt(i)) || digit(text.charAt(i)));
    }

    /** Enters one more level of nesting, refusing to go deeper than {@link #MAX_DEPTH}. */
    private void deeper() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels (the limit on specs and lists inside each other)");
        }
    }

    private Spec arguments(String name) {
        deeper();
        expect('(');
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        skipSpace();
        if (peek(')')) {
            pos++;
            depth--;
            return Spec.parsed(name, positional, named);
        }
        while (true) {
            skipSpace();
            int start = pos;
            String key = null;
            if (pos < text.length() && identifierStart(text.charAt(pos))) {
                String word = identifier();
                skipSpace();
                if (peek('=')) {
                    pos++;
                    key = word;
                } else {
                    pos = start;
                }
            }
            Object v = value();
            if (key == null) {
                if (!named.isEmpty()) {
                    throw error("positional argument after named ones in " + name + "(...)");
                }
                positional.add(v);
            } else if (named.put(key, v) != null) {
                throw error("key '" + key + "' given twice in " + name + "(...)");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek(')')) {
                pos++;
                depth--;
                return Spec.parsed(name, positional, named);
            } else {
                throw error("expected ',' or ')' in " + name + "(...)");
            }
        }
    }

    private List<Object> list() {
        deeper();
        expect('[');
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek(']')) {
            pos++;
            depth--;
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek(']')) {
                pos++;
                depth--;
                return items;
            } else {
                throw error("expected ',' or ']' in a list");
            }
        }
    }

    private Double number() {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '-' || c == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
            if (digit(c) || c == '.' || c == 'e' || c == 'E' || c == '_' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        String s = text.substring(start, pos).replace("_", "");
        try {
            double d = Double.parseDouble(s);
            return d == 0 ? 0.0 : d; // -0 is read as 0
        } catch (NumberFormatException e) {
            pos = start;
            throw error("not a number: '" + Excerpt.of(s) + "'");
        }
    }

    private String identifier() {
        int start = pos;
        while (identifierChar(pos)) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private SpecException error(String what) {
        return new SpecException(what + " at " + Excerpt.at(text, pos));
    }
}
