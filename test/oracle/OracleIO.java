// Reading cases and writing results for the oracle programs, the same for each.
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;

final class OracleIO {
  private OracleIO() {}

  /**
   * One case per line, each parsed on its own: Debian's json-smart counts nesting depth across a whole parse without
   * ever counting down, and refuses any text holding more than 400 objects. Maps come ordered, as the case wrote them.
   */
  static List<Object> readCases() throws Exception {
    List<Object> cases = new ArrayList<>();
    for (String line : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      // json-smart drops a raw DEL from a string that has escapes; JSON.stringify leaves it raw.
      if (!line.isEmpty()) cases.add(new JSONParser(JSONParser.MODE_PERMISSIVE).parse(line.replace("\u007f", "\\u007f"), JSONValue.defaultReader.DEFAULT_ORDERED));
    }
    return cases;
  }

  /**
   * Every character beyond ASCII as a JSON escape, so that the output survives any console encoding and a lone
   * surrogate (Java strings may hold one) arrives as itself instead of as '?'.
   */
  static String asciiOnly(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x7f) out.append(c);
      else out.append(String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }
}
