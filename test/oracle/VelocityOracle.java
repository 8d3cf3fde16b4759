// Renders mapping templates with Apache Velocity 1.7 itself, the engine API Gateway runs, so that tests can compare
// our engine's output with the original's. Reads the cases on standard input, one JSON object per line, and writes a
// JSON array of results: {"output"} or {"error", "partial"}.
//
// Velocity, JsonPath (Jayway 2.0, over json-smart 2.2) and commons-lang come from Debian's packages velocity,
// libjsonpath-java, libjson-smart-java and libcommons-lang-java. Only Velocity is the original here: $input and $util
// are small models of what API Gateway documents, written over the same libraries it is known to use, so differences
// in them point at a question, not necessarily at a fault. Where the models follow recorded AWS behaviour, or make a
// choice no recording decides, they say so: JsonPath reads with SUPPRESS_EXCEPTIONS (a path that leads nowhere is
// null, as recorded), $util's functions return null for a null argument (recorded for urlEncode), and parseJson reads
// with the payload's parser (not recorded either way).
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
import net.minidev.json.parser.ParseException;
import net.minidev.json.writer.JsonReaderI;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.app.VelocityEngine;

public class VelocityOracle {


  public static void main(String[] args) throws Exception {
    List<Object> cases = OracleIO.readCases();
    JSONArray results = new JSONArray();
    for (Object item : cases) {
      // An engine per case: Velocity keeps the first definition of a macro name for the engine's life, so one case's
      // #macro would otherwise stand in for a later case's own.
      VelocityEngine engine = new VelocityEngine();
      engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
      engine.init();
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
    System.out.print(OracleIO.asciiOnly(results.toJSONString(JSONStyle.LT_COMPRESS)));
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
      return JsonPath.using(READING).parse(body).read(expression);
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
      return s == null ? null : StringEscapeUtils.escapeJavaScript(s);
    }

    public Object parseJson(String s) throws ParseException {
      return s == null ? null : parsePayload(s);
    }

    public String urlEncode(String s) throws Exception {
      return s == null ? null : URLEncoder.encode(s, "UTF-8");
    }

    public String urlDecode(String s) throws Exception {
      return s == null ? null : URLDecoder.decode(s, "UTF-8");
    }

    public String base64Encode(String s) {
      return s == null ? null : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String s) {
      return s == null ? null : new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
  }

  /** How $input reads the payload: Jayway over json-smart, permissive, ordered, with SUPPRESS_EXCEPTIONS. */
  static final Configuration READING = Configuration.builder().jsonProvider(new PayloadProvider()).options(Option.SUPPRESS_EXCEPTIONS).build();

  /** Jayway's json-smart provider, reading through parsePayload. */
  static class PayloadProvider extends JsonSmartJsonProvider {
    @Override
    public Object parse(String json) throws InvalidJsonException {
      try {
        return parsePayload(json);
      } catch (ParseException e) {
        throw new InvalidJsonException(e);
      }
    }
  }

  private static final Constructor<?> STRING_PARSER;
  private static final Method PARSE;
  /** Absent from json-smart builds without Debian's backported depth limit. */
  private static final Field DEPTH;

  static {
    try {
      Class<?> parser = Class.forName("net.minidev.json.parser.JSONParserString");
      STRING_PARSER = parser.getDeclaredConstructor(int.class);
      STRING_PARSER.setAccessible(true);
      PARSE = parser.getDeclaredMethod("parse", String.class, JsonReaderI.class);
      PARSE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    Field depth = null;
    try {
      depth = Class.forName("net.minidev.json.parser.JSONParserBase").getDeclaredField("depth");
      depth.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      // No depth limit to work around.
    }
    DEPTH = depth;
  }

  /**
   * JSON text as Jayway's JsonSmartJsonProvider reads it: json-smart's permissive mode with ordered maps. Debian's
   * json-smart 2.2 carries a backported depth limit that counts every non-empty object and list it opens and never
   * counts them closed, so that a payload with more than 400 of them fails; json-smart 2.2 itself has no such limit,
   * so the count starts far below it here.
   */
  static Object parsePayload(String text) throws ParseException {
    try {
      Object parser = STRING_PARSER.newInstance(JSONParser.MODE_PERMISSIVE);
      if (DEPTH != null) DEPTH.setInt(parser, Integer.MIN_VALUE / 2);
      return PARSE.invoke(parser, text, JSONValue.defaultReader.DEFAULT_ORDERED);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ParseException) throw (ParseException) e.getCause();
      if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
