package io.github.unigrad.spec;

/**
 * Bounded, visible quotations of user input for error messages: a message quotes at most
 * {@link #SIDE} characters on each side of the place it points at (an ellipsis marks a cut), so a
 * megabyte of spec gives a message of a line, and a character that would not show (a control
 * character, a no-break or zero-width space, a format or unassigned character) is written as its code
 * point, {@code [U+00A0]}.
 */
public final class Excerpt {
    /** The characters quoted on each side of an error's position. */
    public static final int SIDE = 40;
    /** The longest text quoted whole; a longer one keeps its first and last {@link #SIDE} characters. */
    public static final int MAX = 2 * SIDE;
    private static final String ELLIPSIS = "…";

    private Excerpt() {
    }

    /**
     * {@code value}'s text (a number or list as a spec writes it), at most {@link #MAX} characters of it (start
     * and end around an ellipsis), made visible.
     */
    public static String of(Object value) {
        StringBuilder sb = new StringBuilder();
        Spec.appendValue(sb, value);
        String s = sb.toString();
        if (s.length() > MAX) {
            return visible(s.substring(0, SIDE)) + ELLIPSIS + visible(s.substring(s.length() - SIDE));
        }
        return visible(s);
    }

    /**
     * Where {@code pos} is in {@code text}: {@code position 12, after "huber(delta=" and before ")"}, each side
     * at most {@link #SIDE} characters.
     */
    public static String at(String text, int pos) {
        int from = Math.max(0, pos - SIDE);
        int to = Math.min(text.length(), pos + SIDE);
        String before = (from > 0 ? ELLIPSIS : "") + visible(text.substring(from, pos));
        String after = visible(text.substring(pos, to)) + (to < text.length() ? ELLIPSIS : "");
        if (pos == 0) {
            return "position 0, at the start of \"" + after + "\"";
        }
        if (pos >= text.length()) {
            return "position " + pos + ", at the end, after \"" + before + "\"";
        }
        return "position " + pos + ", after \"" + before + "\" and before \"" + after + "\"";
    }

    /** One character for a message: {@code 'x'}, or its code point and name when it would not show ({@code U+00A0 (NO-BREAK SPACE)}). */
    public static String character(int codePoint) {
        if (shows(codePoint)) {
            return "'" + new String(Character.toChars(codePoint)) + "'";
        }
        String name = Character.getName(codePoint);
        return codePoint(codePoint) + (name == null ? "" : " (" + name + ")");
    }

    /** {@code s} with every character that would not show replaced by {@code [U+XXXX]}. */
    public static String visible(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!shows(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append('[').append(codePoint(cp)).append(']');
            } else if (sb != null) {
                sb.append(s, i, next);
            }
            i = next;
        }
        return sb == null ? s : sb.toString();
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }

    /** Whether a character prints as itself: the ASCII space and every character that is not blank, invisible or undefined. */
    static boolean shows(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
