package io.github.unigrad.compare.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document (headings, paragraphs, bullet lists, tables, images) rendered both as Markdown
 * and as a standalone HTML page, so the two reports always say the same thing.
 */
public final class Doc {
    private sealed interface Block permits Heading, Para, Bullets, Table, Image, Code {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Para(String text) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private record Image(String path, String caption) implements Block {
    }

    private record Code(String text) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Doc(String title) {
        this.title = title;
    }

    public Doc heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public Doc para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    public Doc bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    public Doc table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), List.copyOf(rows)));
        return this;
    }

    /** An image by its path relative to the report folder. */
    public Doc image(String path, String caption) {
        blocks.add(new Image(path, caption));
        return this;
    }

    public Doc code(String text) {
        blocks.add(new Code(text));
        return this;
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Bullets l) {
                l.items().forEach(i -> sb.append("- ").append(i).append('\n'));
                sb.append('\n');
            } else if (b instanceof Table t) {
                sb.append(mdRow(t.header()));
                sb.append("|").append("---|".repeat(t.header().size())).append('\n');
                t.rows().forEach(r -> sb.append(mdRow(r)));
                sb.append('\n');
            } else if (b instanceof Image i) {
                sb.append("![").append(i.caption()).append("](").append(i.path()).append(")\n\n");
            } else if (b instanceof Code c) {
                sb.append("```\n").append(c.text()).append("\n```\n\n");
            }
        }
        return sb.toString();
    }

    private static String mdRow(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return sb.append('\n').toString();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>")
                // the results table must fit a 1400-pixel window: cells wrap between words (inside a word only
                // if it is longer than the cell), and none is wider than 22em
                .append("body{font-family:sans-serif;margin:1em 1.5em}")
                .append("table{border-collapse:collapse;font-size:12px;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:2px 4px;text-align:left;vertical-align:top;max-width:22em;"
                        + "overflow-wrap:break-word}")
                .append("th{background:#f0f0f0}tr:nth-child(even){background:#fafafa}")
                .append("figure{display:inline-block;margin:0.5em}figcaption{font-size:13px;max-width:720px}")
                .append("pre{background:#f6f6f6;padding:0.6em}")
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                int level = Math.min(6, h.level() + 1);
                sb.append("<h").append(level).append('>').append(esc(h.text())).append("</h").append(level).append(">\n");
            } else if (b instanceof Para p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Bullets l) {
                sb.append("<ul>");
                l.items().forEach(i -> sb.append("<li>").append(inline(i)).append("</li>"));
                sb.append("</ul>\n");
            } else if (b instanceof Table t) {
                sb.append("<table><tr>");
                t.header().forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
                sb.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    r.forEach(c -> sb.append("<td>").append(inline(c)).append("</td>"));
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            } else if (b instanceof Image i) {
                sb.append("<figure><img src=\"").append(esc(i.path())).append("\" alt=\"").append(esc(i.caption()))
                        .append("\"><figcaption>").append(esc(i.caption())).append("</figcaption></figure>\n");
            } else if (b instanceof Code c) {
                sb.append("<pre>").append(esc(c.text())).append("</pre>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    /** Escapes HTML and turns Markdown's {@code `code`} and {@code **bold**} into tags. */
    private static String inline(String text) {
        return esc(text).replaceAll("`([^`]*)`", "<code>$1</code>").replaceAll("\\*\\*([^*]*)\\*\\*", "<b>$1</b>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
