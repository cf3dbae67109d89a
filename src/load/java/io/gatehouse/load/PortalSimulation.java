package io.gatehouse.load;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatehouse.benchmark.DataGenerator;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * 200 portal users at once on two nodes: each Manager signs in once, then, again and again with a
 * person's pauses, opens User Management, types the start of a name into its search (a request per
 * keystroke, as htmx sends them), opens that person's page, ticks one of their access rights and
 * exports the organization's users. Requests go to the nodes in turn, as a round-robin load balancer
 * without session affinity sends them.
 *
 * <p>Passes when no request fails and the 95th percentile of every page but sign-in is at most
 * {@value #P95_MILLIS} ms. Settings (system properties): {@code gatehouse.load.users} (200),
 * {@code gatehouse.load.ramp} (seconds over which users arrive, 60), {@code gatehouse.load.steady}
 * (seconds each user keeps working after signing in, 240), {@code gatehouse.load.warm-up} (seconds, 45).
 */
public class PortalSimulation extends Simulation {

    static final int P95_MILLIS = 100;
    static final int NODES = 2;

    static final String USER_MANAGEMENT = "User Management";
    static final String SEARCH = "Search as you type";
    static final String PERSON = "Person's page";
    static final String TICK = "Tick a right";
    static final String EXPORT = "Export users";
    static final String WELCOME = "Welcome page";
    /** Every page the target holds for; the sign-in page and its form are left out. */
    static final List<String> PAGES = List.of(WELCOME, USER_MANAGEMENT, SEARCH, PERSON, TICK, EXPORT);

    private static final int USERS = Integer.getInteger("gatehouse.load.users", 200);
    private static final Duration RAMP = Duration.ofSeconds(Integer.getInteger("gatehouse.load.ramp", 60));
    private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("gatehouse.load.steady", 240));
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("gatehouse.load.warm-up", 45));

    private final LoadCluster cluster;
    private final List<String> nodes;
    private final AtomicLong turn = new AtomicLong();

    public PortalSimulation() throws Exception {
        cluster = LoadCluster.start(NODES, USERS);
        try {
            cluster.warmUp(WARM_UP);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        nodes = cluster.baseUrls();
        LoadCluster.say(String.format("%d users arrive over %d s and each works %d s; requests alternate between %s",
                USERS, RAMP.toSeconds(), STEADY.toSeconds(), String.join(" and ", nodes)));

        HttpProtocolBuilder browser = http
                .acceptHeader("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .acceptLanguageHeader("en-GB,en;q=0.8")
                .acceptEncodingHeader("gzip, deflate")
                .userAgentHeader("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");

        ScenarioBuilder manager = scenario("Manager")
                .feed(feeder(cluster.people()))
                .exec(signIn())
                // Someone who could not sign in does not go on working.
                .exitHereIfFailed()
                .during(STEADY).on(exec(this::nextRound).exec(work()));

        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().count().is(0L));
        for (String page : PAGES) {
            assertions.add(details(page).responseTime().percentile(95.0).lte(P95_MILLIS));
        }
        setUp(manager.injectOpen(rampUsers(USERS).during(RAMP)))
                .protocols(browser)
                .assertions(assertions);
    }

    @Override
    public void after() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("The cluster did not stop", e);
        }
    }

    /** The sign-in form, its post, and the welcome page it leads to. */
    private ChainBuilder signIn() {
        return exec(http("Sign-in page").get(at(s -> "/signin"))
                        .check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .pause(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .exec(http("Sign in").post(at(s -> "/signin"))
                        .formParam("email", "#{email}")
                        .formParam("password", DataGenerator.PASSWORD)
                        .formParam("_csrf", "#{csrf}")
                        .disableFollowRedirect()
                        .check(status().is(302), header("Location").transform(l -> !l.contains("/signin")).is(true)))
                .exec(page(WELCOME, s -> "/").check(status().is(200)));
    }

    /** One round of a Manager's work, with the pauses of a person reading and typing. */
    private ChainBuilder work() {
        return exec(page(USER_MANAGEMENT, s -> users(s)).check(status().is(200), substring("id=\"member-search\"")))
                .pause(Duration.ofSeconds(2), Duration.ofSeconds(4))
                .foreach("#{typed}", "q").on(
                        exec(htmx(http(SEARCH).get(at(s -> users(s))), "member-results")
                                .queryParam("q", "#{q}")
                                // The filters the search box includes, as the form sends them when none is chosen.
                                .queryParam("role", "").queryParam("application", "").queryParam("right", "")
                                .queryParam("site", "").queryParam("status", "")
                                .check(status().is(200), substring("id=\"member-results\"")))
                        .pause(Duration.ofMillis(300), Duration.ofMillis(700)))
                .pause(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .exec(page(PERSON, s -> users(s) + "/" + s.getString("target"))
                        .check(status().is(200),
                                css("#rights-form input[name=_csrf]", "value").saveAs("csrf"),
                                css("#rights-form input[name=rights][checked]", "value").findAll().withDefault(List.of()).saveAs("held")))
                .pause(Duration.ofSeconds(3), Duration.ofSeconds(6))
                .exec(htmx(http(TICK).post(at(s -> users(s) + "/" + s.getString("target") + "/rights")), "rights-form")
                        .queryParam("changed", "#{right}")
                        .formParam("tab", "properties")
                        .multivaluedFormParam("rights", PortalSimulation::ticked)
                        .formParam("_csrf", "#{csrf}")
                        .check(status().is(200),
                                // A refusal names its reason, which the report then shows.
                                css(".save-mark.refused").notExists(),
                                substring("save-mark saved")))
                .pause(Duration.ofSeconds(2), Duration.ofSeconds(4))
                .exec(page(EXPORT, s -> users(s) + "/export.csv")
                        .check(status().is(200), header("Content-Type").transform(t -> t.startsWith("text/csv")).is(true)))
                .pause(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Whom this round looks up, what is typed to find them, and which right is ticked. */
    @SuppressWarnings("unchecked")
    private Session nextRound(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> targets = (List<String>) session.get("targets");
        List<String> lastNames = (List<String>) session.get("lastNames");
        List<String> rights = cluster.people().rights();
        int pick = random.nextInt(targets.size());
        return session.set("target", targets.get(pick))
                .set("typed", keystrokes(lastNames.get(pick)))
                .set("right", rights.get(random.nextInt(rights.size())));
    }

    /** What the search box holds after each of the first three keystrokes of a name. */
    static List<String> keystrokes(String name) {
        List<String> typed = new ArrayList<>();
        for (int length = 1; length <= Math.min(3, name.length()); length++) {
            typed.add(name.substring(0, length));
        }
        return typed;
    }

    /** The boxes checked once the tick is made: the right changes, the others stay as the page showed them. */
    @SuppressWarnings("unchecked")
    private static List<Object> ticked(Session session) {
        List<String> shown = (List<String>) session.get("held");
        List<Object> held = shown == null ? new ArrayList<>() : new ArrayList<>(shown);
        String right = session.getString("right");
        if (!held.remove(right)) {
            held.add(right);
        }
        return held;
    }

    private static String users(Session session) {
        return "/organizations/" + session.getString("organization") + "/users";
    }

    /** The path on the next node in turn. */
    private Function<Session, String> at(Function<Session, String> path) {
        return session -> nodes.get((int) (turn.getAndIncrement() % nodes.size())) + path.apply(session);
    }

    private HttpRequestActionBuilder page(String name, Function<Session, String> path) {
        return http(name).get(at(path));
    }

    /** A request htmx sends: only the part of the page it replaces comes back. */
    private static HttpRequestActionBuilder htmx(HttpRequestActionBuilder request, String target) {
        return request.header("HX-Request", "true").header("HX-Target", target);
    }

    /** One Manager per virtual user, each once. */
    private static Iterator<Map<String, Object>> feeder(PortalUsers people) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (PortalUsers.PortalUser user : people.users()) {
            Map<String, Object> record = new HashMap<>();
            record.put("email", user.email());
            record.put("organization", user.organization().toString());
            record.put("targets", user.targets().stream().map(t -> t.user().toString()).toList());
            record.put("lastNames", user.targets().stream().map(PortalUsers.Target::lastName).toList());
            records.add(record);
        }
        return records.iterator();
    }
}
