// Runs Java's own java.util.regex on the patterns and texts the tests give it, so that our emulation of Java regular
// expressions (selection patterns, String.matches/replaceAll/replaceFirst/split in templates) can be compared with the
// original. Reads a JSON array of {op, pattern, text?, replacement?, limit?} on standard input and writes a JSON array
// of {result} or {error}.
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import net.minidev.json.JSONStyle;

public class JavaRegexOracle {


  public static void main(String[] args) throws Exception {
    List<Object> cases = OracleIO.readCases();
    JSONArray results = new JSONArray();
    for (Object item : cases) {
      Map<?, ?> c = (Map<?, ?>) item;
      JSONObject result = new JSONObject();
      try {
        result.put("result", run(c));
      } catch (PatternSyntaxException e) {
        result.put("error", "syntax: " + e.getDescription());
      } catch (Throwable e) {
        result.put("error", e.getClass().getName() + ": " + e.getMessage());
      }
      results.add(result);
    }
    System.out.print(OracleIO.asciiOnly(results.toJSONString(JSONStyle.LT_COMPRESS)));
  }

  static Object run(Map<?, ?> c) {
    String op = (String) c.get("op");
    String pattern = (String) c.get("pattern");
    String text = c.get("text") instanceof String ? (String) c.get("text") : "";
    String replacement = c.get("replacement") instanceof String ? (String) c.get("replacement") : "";
    switch (op) {
      case "compile":
        Pattern.compile(pattern);
        return true;
      case "matches":
        return text.matches(pattern);
      case "replaceAll":
        return text.replaceAll(pattern, replacement);
      case "replaceFirst":
        return text.replaceFirst(pattern, replacement);
      case "split": {
        int limit = c.get("limit") instanceof Number ? ((Number) c.get("limit")).intValue() : 0;
        JSONArray parts = new JSONArray();
        for (String part : text.split(pattern, limit)) parts.add(part);
        return parts;
      }
      case "find": {
        JSONArray found = new JSONArray();
        Matcher m = Pattern.compile(pattern).matcher(text);
        while (m.find()) found.add(m.start() + ":" + m.end());
        return found;
      }
      default:
        throw new IllegalArgumentException("unknown op " + op);
    }
  }
}
