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
 *   value := NUMBER | 'true' | 'false' | 'inf' | '-inf' | spec | WORD | '[' [ value (',' value)* ] ']'
 * </pre>
 * Names and keys are identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}). Numbers are Java doubles
 * ({@code 2}, {@code -0.5}, {@code 1e-3}). A bare word that is not followed by {@code (} is a
 * string value. Errors say where in the text the problem is.
 */
public final class SpecParser {
    private final String text;
    private int pos;

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
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        if (v instanceof String s) {
            return Spec.parsed(s, List.of(), Map.of());
        }
        if (!(v instanceof Spec spec)) {
            throw p.error("expected a name such as adam or huber(delta=1), got " + text.trim());
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
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            if (text.startsWith("-inf", pos) && !identifierChar(pos + 4)) {
                pos += 4;
                return Double.NEGATIVE_INFINITY;
            }
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
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
        throw error("unexpected '" + c + "'");
    }

    private boolean identifierChar(int i) {
        return i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_');
    }

    private Spec arguments(String name) {
        expect('(');
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        skipSpace();
        if (peek(')')) {
            pos++;
            return Spec.parsed(name, positional, named);
        }
        while (true) {
            skipSpace();
            int start = pos;
            String key = null;
            if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
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
                return Spec.parsed(name, positional, named);
            } else {
                throw error("expected ',' or ')' in " + name + "(...)");
            }
        }
    }

    private List<Object> list() {
        expect('[');
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek(']')) {
            pos++;
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek(']')) {
                pos++;
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
            if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '_' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        String s = text.substring(start, pos).replace("_", "");
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new SpecException("not a number: '" + s + "' at position " + start + " of \"" + text + "\"");
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
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SpecException error(String what) {
        return new SpecException(what + " at position " + pos + " of \"" + text + "\"");
    }
}
