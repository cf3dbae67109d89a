package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExportCsvFormatTest {

    @Test
    void plainFieldsStayAsTheyAre() {
        assertThat(MemberCsv.cell("Zoé Durand")).isEqualTo("Zoé Durand");
        assertThat(MemberCsv.cell("a@b.test")).isEqualTo("a@b.test");
        assertThat(MemberCsv.cell("")).isEmpty();
        assertThat(MemberCsv.cell(null)).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(MemberCsv.cell("Doe, Jr")).isEqualTo("\"Doe, Jr\"");
        assertThat(MemberCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(MemberCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(MemberCsv.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }

    @Test
    void cellsASpreadsheetWouldRunAsAFormulaStayText() {
        assertThat(MemberCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(MemberCsv.cell("+33 1 23")).isEqualTo("'+33 1 23");
        assertThat(MemberCsv.cell("-2")).isEqualTo("'-2");
        assertThat(MemberCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(MemberCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(MemberCsv.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(MemberCsv.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(MemberCsv.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void rowsEndWithCrlfAfterAByteOrderMark() {
        StringWriter out = new StringWriter();
        new MemberCsv(out).bom().row(Arrays.asList("a", "b,c", null)).row(Arrays.asList("d"));
        assertThat(out.toString()).isEqualTo("\uFEFFa,\"b,c\",\r\nd\r\n");
    }

    @Test
    void theFileNameKeepsTheOrganizationsNameForEveryBrowser() {
        assertThat(MemberExport.contentDisposition("users-Café Zoé/Nord-2026-01-31.csv")).isEqualTo(
                "attachment; filename=\"users-Caf_-Zo_-Nord-2026-01-31.csv\"; filename*=UTF-8''users-Caf%C3%A9-Zo%C3%A9-Nord-2026-01-31.csv");
        assertThat(MemberExport.contentDisposition("users-Org \"1\"-2026-01-31.csv"))
                .isEqualTo("attachment; filename=\"users-Org-1-2026-01-31.csv\"; filename*=UTF-8''users-Org-1-2026-01-31.csv");
    }
}
