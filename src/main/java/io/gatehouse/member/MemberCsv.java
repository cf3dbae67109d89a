package io.gatehouse.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV that spreadsheets open safely: CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF, and cells that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed
 * with a single quote so they stay text.
 */
final class MemberCsv {

    static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Writer out;

    MemberCsv(Writer out) {
        this.out = out;
    }

    /** Excel reads UTF-8 without mojibake only when the file starts with a byte order mark. */
    MemberCsv bom() {
        write(String.valueOf(BYTE_ORDER_MARK));
        return this;
    }

    MemberCsv row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        write(line.append("\r\n").toString());
        return this;
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = neutralize(value);
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String neutralize(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
