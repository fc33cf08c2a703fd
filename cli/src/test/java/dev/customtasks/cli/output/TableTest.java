package dev.customtasks.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void padsColumnsToTheWidestCellThreeSpacesApart() {
    String printed = print(Table.withColumns("NAME", "STATE").row("a-long-name", "Running").row("b", null));

    assertThat(printed).isEqualTo("""
        NAME          STATE
        a-long-name   Running
        b             -
        """);
  }

  @Test
  void coloursCellsWithoutChangingTheAlignment() {
    Terminal terminal = Terminal.detect(true, java.util.Map.of());
    Table table = Table.withColumns("STATE", "X").row("ok", "1")
        .styled((header, cell) -> header.equals("STATE") ? terminal.green(cell) : cell);

    String printed = print(table);

    assertThat(printed).contains("\u001B[32mok\u001B[0m");
    assertThat(printed.replaceAll("\u001B\\[\\d+m", "")).isEqualTo("STATE   X\nok      1\n");
  }

  @Test
  void keepsACellOnOneLine() {
    assertThat(print(Table.withColumns("MESSAGE").row("two\nlines"))).isEqualTo("MESSAGE\ntwo lines\n");
  }

  @Test
  void escapesControlAndBidiCharactersInCells() {
    assertThat(print(Table.withColumns("PARAM").row("1\u0000s\u202e\u001b[31m")))
        .isEqualTo("PARAM\n1\\u0000s\\u202e\\u001b[31m\n");
  }

  @Test
  void detailsEscapeTheirValues() {
    StringWriter out = new StringWriter();
    new Details().add("Message", "red \u001b[31malert").print(new PrintWriter(out));
    assertThat(out.toString()).isEqualTo("Message: red \\u001b[31malert\n");
  }

  private static String print(Table table) {
    StringWriter out = new StringWriter();
    table.print(new PrintWriter(out));
    return out.toString();
  }
}
