package dev.outbound.request.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which exported cells get the leading apostrophe that keeps spreadsheets from running them. */
class ResultCsvCellTest {

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
                Arguments.of("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
                Arguments.of("-2+3", "'-2+3"),
                Arguments.of("@SUM(A1:A9)", "'@SUM(A1:A9)"),
                Arguments.of("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
                Arguments.of("\t=1", "'\t=1"),
                Arguments.of("+14155550123", "+14155550123"),
                Arguments.of("-12.5", "-12.5"),
                Arguments.of("Ada", "Ada"),
                Arguments.of("a=b", "a=b"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cells")
    void formula_like_cells_are_defused_and_plain_signed_numbers_kept(String cell, String exported) {
        assertThat(ResultCsv.safe(cell)).isEqualTo(exported);
    }
}
