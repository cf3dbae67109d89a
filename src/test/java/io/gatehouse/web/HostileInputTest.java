package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body and query parameter of the API (read from its OpenAPI document, so a new
 * endpoint is covered without touching this test) and every field of every portal form (read from
 * the request mappings) receives hostile values one field at a time: empty, null, huge, a NUL
 * byte, half a surrogate pair, control characters, the wrong type, arrays of nulls, deep nesting,
 * numbers out of range, unknown enum constants, dates beyond any calendar. Never a 5xx; an API
 * error is always problem+json; a refused request leaves no audit entry behind.
 */
@IntegrationTest
class HostileInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A JSON value written as is. */
    record Raw(String json) {
    }

    private static final List<Object> HOSTILE_JSON = List.of(
            "a\u0000b", "\ud800", new Raw("null"), "", " ", "x".repeat(20_000), "\udc00x", "a\u0007b\u001b", "line\nbreak",
            new Raw("1e400"), new Raw("-1"), new Raw("2147483648"), new Raw("99999999999999999999999"), new Raw("true"),
            new Raw("[]"), new Raw("[null]"), new Raw("[\"\\u0000\"]"), new Raw("{\"a\":1}"), "NOT_A_CONSTANT",
            "+300000000-01-01T00:00:00Z", new Raw("[".repeat(600) + "]".repeat(600)), "ab\ud83d\ude00cd");

    private static final List<Object> HOSTILE_BODIES = List.of(
            new Raw("{\"a\":\"\\u0000\"}"), new Raw("{\"a\":\"\\ud800\"}"), new Raw("null"), new Raw("[]"),
            new Raw("\"text\""), new Raw("{"), new Raw("{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}"),
            new Raw("{}"));

    private static final List<String> HOSTILE_TEXT = List.of(
            "a\u0000b", "\ud800", "", " ", "x".repeat(5_000), "a\u0007b", "maybe", "-1", "99999999999999999999",
            "NOT_A_CONSTANT", "+300000000-01-01T00:00:00Z", "../../etc", "line\r\nbreak");

    private static final Set<String> FORM_MAPS = Set.of("emails", "entry", "organizations", "remove", "action", "dropOrganization");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final long seed = Long.getLong("gatehouse.hostile.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final List<String> failures = new ArrayList<>();
    private int sent;

    private Map<String, String> ids;
    private String actor;

    @Autowired
    io.gatehouse.security.factor.SecondFactorRules secondFactorRules;

    /** The fuzz may have required a second factor of every vendor staff member: the tests after it sign staff in with a password. */
    @org.junit.jupiter.api.AfterEach
    void noSecondFactorRuleForStaffLeftBehind() {
        secondFactorRules.setStaffRule(data.admin(), false);
    }

    @Test
    void noBodyFieldOrFormValueOfTheApiOrThePortalAnswers5xxOrWritesHalfAChange() throws Exception {
        // PostgreSQL is the stricter of the two databases (it refuses what H2 silently stores): one run there is enough.
        assumeTrue("postgres".equals(System.getProperty("gatehouse.test.database")), "runs on PostgreSQL");
        prepare();
        JsonNode docs = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        int endpoints = 0;
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase());
                if (method == HttpMethod.DELETE) {
                    continue;
                }
                endpoints++;
                fuzzApi(docs, path.getKey(), method, operation.getValue());
            }
        }
        int forms = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = mapping.getValue();
            if (handler.getBeanType().isAnnotationPresent(RestController.class)
                    || !mapping.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST)
                    || !handler.getBeanType().getPackageName().startsWith("io.gatehouse")) {
                continue;
            }
            for (String pattern : mapping.getKey().getPatternValues()) {
                forms++;
                fuzzForm(pattern, handler);
            }
        }
        assertThat(endpoints).as("API operations read from /v3/api-docs").isGreaterThan(30);
        assertThat(forms).as("portal forms").isGreaterThan(20);
        assertThat(failures).as("of " + sent + " hostile requests, seed " + seed + " (-Dgatehouse.hostile.seed=" + seed + " repeats them)")
                .isEmpty();
    }

    private void prepare() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org);
        String site = data.site(org).id();
        OrganizationId vendorManaged = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember requester = data.manager(vendorManaged);
        TestMember target = data.user(vendorManaged);
        String requestBody = mvc.perform(request(HttpMethod.PATCH, "/api/v1/organizations/" + vendorManaged + "/members/" + target.id())
                        .with(user(requester.id())).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rights\":[\"Licenses\"]}"))
                .andReturn().getResponse().getContentAsString();
        actor = data.staff(StaffRole.VENDOR_ADMIN).userId();
        mvc.perform(request(HttpMethod.POST, "/api/v1/organizations/" + org + "/invitations").with(user(actor)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"emails\":\"fuzz-" + System.nanoTime() + "@example.test\",\"role\":\"USER\"}"));
        String invitation = JSON.readTree(mvc.perform(get("/api/v1/organizations/" + org + "/invitations").with(user(actor)))
                .andReturn().getResponse().getContentAsString()).get(0).get("id").asString();
        ids = new LinkedHashMap<>();
        ids.put("orgId", org.toString());
        ids.put("memberOrgId", org.toString());
        ids.put("userId", person.id());
        ids.put("siteId", site);
        ids.put("request", JSON.readTree(requestBody).get("requestId").asString());
        ids.put("invitation", invitation);
    }

    private String url(String pattern) {
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(pattern);
        StringBuilder url = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = ids.get(name);
            if ("id".equals(name)) {
                value = pattern.contains("/requests/") ? ids.get("request")
                        : pattern.contains("/invitations/") ? ids.get("invitation") : null;
            }
            matcher.appendReplacement(url, value == null ? UUID.randomUUID().toString() : value);
        }
        matcher.appendTail(url);
        return url.toString();
    }

    // ---- the API, from its OpenAPI document ----

    private void fuzzApi(JsonNode docs, String pattern, HttpMethod method, JsonNode operation) throws Exception {
        String url = url(pattern);
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asString())) {
                continue;
            }
            for (String value : some(HOSTILE_TEXT, 2)) {
                sendApi(method, url, Map.of(parameter.get("name").asString(), value), null);
            }
        }
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            if (method != HttpMethod.GET) {
                sendApi(method, url, Map.of(), null);
            }
            return;
        }
        schema = resolve(docs, schema);
        for (Object body : some(HOSTILE_BODIES, 2)) {
            sendApi(method, url, Map.of(), write(body));
        }
        Map<String, Object> sample = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            sample.put(property.getKey(), sample(property.getKey(), resolve(docs, property.getValue())));
        }
        sendApi(method, url, Map.of(), write(sample));
        for (String field : sample.keySet()) {
            for (Object value : some(HOSTILE_JSON, 3)) {
                Map<String, Object> body = new LinkedHashMap<>(sample);
                body.put(field, value);
                sendApi(method, url, Map.of(), write(body));
                Map<String, Object> inList = new LinkedHashMap<>(sample);
                if (sample.get(field) instanceof List<?>) {
                    inList.put(field, List.of(value));
                    sendApi(method, url, Map.of(), write(inList));
                }
            }
        }
    }

    /**
     * The first two values (the NUL byte and half a surrogate pair, which PostgreSQL cannot store) for
     * every field, and {@code more} others drawn at random: every run tries other ones, and the seed
     * in a failure repeats them.
     */
    private <T> List<T> some(List<T> values, int more) {
        List<T> rest = new ArrayList<>(values.subList(2, values.size()));
        java.util.Collections.shuffle(rest, random);
        List<T> chosen = new ArrayList<>(values.subList(0, 2));
        chosen.addAll(rest.subList(0, Math.min(more, rest.size())));
        return chosen;
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return docs.path("components").path("schemas").path(name);
        }
        return schema;
    }

    private static Object sample(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asString();
        }
        String type = schema.path("type").asString("string");
        return switch (type) {
            case "array" -> new ArrayList<>();
            case "boolean" -> Boolean.FALSE;
            case "integer", "number" -> new Raw("1");
            case "object" -> new LinkedHashMap<>();
            default -> name.toLowerCase().contains("email") ? "fuzz-" + System.nanoTime() + "@example.test" : "Sample " + name;
        };
    }

    private void sendApi(HttpMethod method, String url, Map<String, String> query, String body) throws Exception {
        MockHttpServletRequestBuilder request = request(method, url).with(user(actor)).with(csrf());
        query.forEach(request::param);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        check(method + " " + url + " " + query + " " + abbreviate(body), request, true);
    }

    // ---- the portal's forms, from the request mappings ----

    private void fuzzForm(String pattern, HandlerMethod handler) throws Exception {
        String url = url(pattern);
        List<String> fields = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null && MultiValueMap.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) && param != null) {
                fields.addAll(FORM_MAPS);
            } else if (param != null) {
                fields.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName());
            } else if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    fields.add(component.getName());
                }
            }
        }
        sendForm(url, Map.of());
        for (String field : fields) {
            for (String value : some(HOSTILE_TEXT, 1)) {
                sendForm(url, Map.of(field, value));
            }
        }
    }

    private void sendForm(String url, Map<String, String> form) throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.POST, url).with(user(actor)).with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        form.forEach(request::param);
        check("POST " + url + " " + abbreviate(form.toString()), request, false);
    }

    private void check(String what, MockHttpServletRequestBuilder request, boolean api) throws Exception {
        long before = auditRows();
        MockHttpServletResponse response;
        try {
            response = mvc.perform(request).andReturn().getResponse();
        } catch (Exception | AssertionError e) {
            failures.add(what + " -> threw " + e);
            return;
        }
        sent++;
        int status = response.getStatus();
        if (status >= 500) {
            failures.add(what + " -> " + status + " " + abbreviate(response.getContentAsString()));
        }
        if (api && status >= 400 && (response.getContentType() == null
                || !response.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE))) {
            failures.add(what + " -> " + status + " as " + response.getContentType());
        }
        if (status >= 400 && auditRows() != before) {
            failures.add(what + " -> " + status + " but left an audit entry");
        }
    }

    private long auditRows() {
        return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    /** JSON with every character outside printable ASCII escaped, so a lone surrogate goes out as "\ud800". */
    private static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                write(entry.getKey().toString(), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append('"');
            for (char c : value.toString().toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
