package dev.outbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallListReaderTest {

    private static List<CallListReader.Row> read(byte[] bytes) {
        var rows = new ArrayList<CallListReader.Row>();
        CallListReader.read(new ByteArrayInputStream(bytes), rows::add);
        return rows;
    }

    private static List<CallListReader.Row> read(String csv) {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_required_columns_and_turns_the_others_into_string_variables() {
        var rows = read("reference_id,target,first_name,amount\nr1,512-555-1234,Ann,12.50\n");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.referenceId()).isEqualTo("r1");
            assertThat(r.target()).isEqualTo("512-555-1234");
            assertThat(r.variablesJson()).isEqualTo("{\"first_name\":\"Ann\",\"amount\":\"12.50\"}");
        });
    }

    @Test
    void matches_header_names_trimmed_and_in_any_case_after_a_byte_order_mark() {
        var rows = read("\uFEFF Reference_ID , TARGET ,Note\r\nr1,+15125551234,x\r\n");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.referenceId()).isEqualTo("r1");
            assertThat(r.variablesJson()).isEqualTo("{\"Note\":\"x\"}");
        });
    }

    @Test
    void keeps_quoted_newlines_commas_and_quotes_inside_variables() {
        var rows = read(
                "reference_id,target,address\r\nr1,+15125551234,\"1 Main St,\r\nApt \"\"2\"\"\"\r\nr2,+15125551235,b\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().variablesJson()).isEqualTo("{\"address\":\"1 Main St,\\r\\nApt \\\"2\\\"\"}");
    }

    @Test
    void skips_blank_lines() {
        assertThat(read("reference_id,target\n\nr1,+15125551234\n\n")).hasSize(1);
    }

    @Test
    void names_every_missing_required_column() {
        assertThatThrownBy(() -> read("name,phone\nx,y\n"))
                .isInstanceOf(InvalidUpload.class)
                .hasMessage("Missing required fields: reference_id, target");
        assertThatThrownBy(() -> read("reference_id,phone\nx,y\n")).hasMessage("Missing required fields: target");
    }

    @Test
    void refuses_an_empty_file_and_a_header_without_rows() {
        assertThatThrownBy(() -> read("")).isInstanceOf(InvalidUpload.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("reference_id,target\n")).hasMessageContaining("no rows");
    }

    @Test
    void refuses_a_row_with_another_number_of_fields_than_the_header() {
        assertThatThrownBy(() -> read("reference_id,target\nr1,+15125551234,extra\n"))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageStartingWith("Invalid file format");
    }

    @Test
    void refuses_text_that_is_not_utf8() {
        byte[] latin1 = "reference_id,target,name\nr1,+15125551234,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(latin1)).isInstanceOf(InvalidUpload.class).hasMessageContaining("UTF-8");
    }

    @Test
    void refuses_binary_content() {
        byte[] binary = {'P', 'K', 3, 4, 0, 0, 0, 0, 10, 'x', ',', 'y', 10};
        assertThatThrownBy(() -> read(binary))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageStartingWith("Invalid file format");
    }

    @Test
    void refuses_a_header_naming_a_column_twice() {
        assertThatThrownBy(() -> read("reference_id,target,Name,name\nr,t,a,b\n"))
                .hasMessageContaining("more than once");
    }
}
