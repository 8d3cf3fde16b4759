// Renders mapping templates with Apache Velocity 1.7 itself, the engine API Gateway runs, so that tests can compare
// our engine's output with the original's. Reads a JSON array of cases on standard input and writes a JSON array of
// results: {"output"} or {"error", "partial"}.
//
// Velocity, JsonPath (Jayway, over json-smart) and commons-lang come from Debian's packages velocity, libjsonpath-java
// and libcommons-lang-java. Only Velocity is the original here: $input and $util are small models of what API Gateway
// documents, written over the same libraries it is known to use, so differences in them point at a question, not
// necessarily at a fault.
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import net.minidev.json.JSONStyle;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.app.VelocityEngine;

public class VelocityOracle {
  public static void main(String[] args) throws Exception {
    String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    // Ordered maps, so that the keys of a case's maps come in the order the case wrote them.
    List<?> cases = (List<?>) new JSONParser(JSONParser.MODE_PERMISSIVE).parse(text, JSONValue.defaultReader.DEFAULT_ORDERED);
    VelocityEngine engine = new VelocityEngine();
    engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
    engine.init();
    JSONArray results = new JSONArray();
    for (Object item : cases) {
      Map<?, ?> c = (Map<?, ?>) item;
      String template = (String) c.get("template");
      String body = c.get("body") instanceof String ? (String) c.get("body") : "";
      VelocityContext context = new VelocityContext();
      Map<String, Object> params = ordered(c.get("params"));
      context.put("input", new Input(body, params == null ? new LinkedHashMap<>() : params));
      context.put("util", new Util());
      Map<String, Object> ctx = ordered(c.get("context"));
      context.put("context", ctx == null ? new LinkedHashMap<String, Object>() : ctx);
      Map<String, Object> stage = ordered(c.get("stageVariables"));
      context.put("stageVariables", stage == null ? new LinkedHashMap<String, Object>() : stage);
      // API Gateway renders a reference to nothing as empty text, where Velocity would write the reference itself.
      EventCartridge cartridge = new EventCartridge();
      cartridge.addEventHandler((ReferenceInsertionEventHandler) (reference, value) -> value == null ? "" : value);
      cartridge.attachToContext(context);
      StringWriter out = new StringWriter();
      JSONObject result = new JSONObject();
      try {
        engine.evaluate(context, out, "template", template);
        result.put("output", out.toString());
      } catch (Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage() + (cause != e ? " (" + cause.getClass().getName() + ": " + cause.getMessage() + ")" : ""));
        result.put("partial", out.toString());
      }
      results.add(result);
    }
    System.out.print(results.toJSONString(JSONStyle.LT_COMPRESS));
  }

  /** JSON objects as ordered maps and arrays as lists, all the way down (json-smart's own maps are hash maps). */
  @SuppressWarnings("unchecked")
  static <T> T ordered(Object value) {
    if (value instanceof Map) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) map.put(String.valueOf(e.getKey()), ordered(e.getValue()));
      return (T) map;
    }
    if (value instanceof List) {
      List<Object> list = new ArrayList<>();
      for (Object v : (List<?>) value) list.add(ordered(v));
      return (T) list;
    }
    return (T) value;
  }

  public static class Input {
    private final String body;
    private final Map<String, Object> params;

    Input(String body, Map<String, Object> params) {
      // API Gateway hands templates an empty body as an empty JSON object.
      this.body = body.isEmpty() ? "{}" : body;
      this.params = params;
      for (String part : new String[] {"path", "querystring", "header"}) if (!(params.get(part) instanceof Map)) params.put(part, new LinkedHashMap<String, Object>());
    }

    public String getBody() {
      return body;
    }

    public Object path(String expression) {
      return JsonPath.using(Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS)).parse(body).read(expression);
    }

    public String json(String expression) {
      return JSONValue.toJSONString(path(expression), JSONStyle.LT_COMPRESS);
    }

    public Map<String, Object> params() {
      return params;
    }

    public Object params(String name) {
      for (String part : new String[] {"path", "querystring", "header"}) {
        Object found = ((Map<?, ?>) params.get(part)).get(name);
        if (found != null) return found;
      }
      return "";
    }
  }

  public static class Util {
    public String escapeJavaScript(String s) {
      return StringEscapeUtils.escapeJavaScript(s);
    }

    public Object parseJson(String s) {
      return JSONValue.parse(s);
    }

    public String urlEncode(String s) throws Exception {
      return URLEncoder.encode(s, "UTF-8");
    }

    public String urlDecode(String s) throws Exception {
      return URLDecoder.decode(s, "UTF-8");
    }

    public String base64Encode(String s) {
      return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String s) {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
  }
}
