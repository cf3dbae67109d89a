package io.gatehouse.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Fills an empty PostgreSQL database with a realistic customer base: 1,000 organizations with
 * 1 to 10 sites each, 100,000 accounts, one organization of 50,000 members, the others of a few
 * dozen, roles, access rights and site access. Rows go in through COPY in batches; the schema
 * comes from the application's own Flyway migrations.
 *
 * <p>Every account shares one Argon2id hash of {@link #PASSWORD}, computed once at the production
 * cost (hashing 100,000 passwords would take the better part of an hour). The membership's
 * {@code *_key} columns hold the account's fields stripped and in lower case, exactly as
 * {@code MemberIdentity} writes them. The data is the same on every run (fixed seed).
 *
 * <p>Run alone: {@code DataGenerator <jdbc-url> <user> <password>} on an empty database.
 */
public final class DataGenerator {

    /** The password of every generated account. */
    public static final String PASSWORD = "Harbour-Lantern-Quartz-58";

    static final int ORGANIZATIONS = 1_000;
    static final int ACCOUNTS = 100_000;
    static final int LARGE_ORGANIZATION_MEMBERS = 50_000;

    private static final int BATCH = 10_000;
    private static final Instant NOW = Instant.parse("2025-06-01T09:00:00Z");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private static final String[] FIRST_NAMES = {
        "Emma", "Olivia", "Ava", "Sophia", "Isabella", "Mia", "Charlotte", "Amelia", "Harper", "Evelyn",
        "Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin", "Lucas", "Henry", "Alexander",
        "Mateo", "Daniel", "Michael", "Jack", "Samuel", "David", "Joseph", "Thomas", "Charles", "Christopher",
        "Sarah", "Laura", "Anna", "Maria", "Marie", "Martina", "Martin", "Mark", "Marco", "Marta",
        "Julia", "Julien", "Jules", "Juan", "José", "Lucía", "Sofía", "Carmen", "Pablo", "Diego",
        "Zoé", "Chloé", "Léa", "Camille", "Manon", "Hugo", "Louis", "Gabriel", "Arthur", "Raphaël",
        "Jürgen", "Jörg", "Günter", "Lena", "Lukas", "Leon", "Finn", "Hannah", "Katharina", "Stefan",
        "Søren", "Freja", "Astrid", "Lars", "Ingrid", "Nils", "Sven", "Karin", "Erik", "Sigrid",
        "Hiroshi", "Yuki", "Haruto", "Sakura", "Kenji", "Aiko", "Takumi", "Yui", "Ren", "Hina",
        "Thabo", "Sipho", "Lerato", "Naledi", "Themba", "Zanele", "Kagiso", "Ayanda", "Lwazi", "Nomsa",
        "Aroha", "Tane", "Mere", "Wiremu", "Ngaio", "Kiri", "Jack", "Ruby", "Isla", "Matilda",
        "Priya", "Arjun", "Ananya", "Rohan", "Aisha", "Omar", "Fatima", "Yusuf", "Leila", "Karim",
        "Wei", "Li", "Jun", "Mei", "Chen", "Xin", "Minh", "Linh", "Anh", "Thanh",
        "Patrick", "Sean", "Siobhan", "Aoife", "Ciara", "Declan", "Niamh", "Conor", "Eoin", "Roisin",
        "Grace", "Ella", "Alice", "Rose", "Ellie", "George", "Harry", "Oscar", "Archie", "Freddie",
    };

    private static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Martínez", "García", "Fernández", "González", "Rodríguez", "Sánchez", "Pérez", "Gómez", "Díaz", "Moreno",
        "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Bernard", "Petit", "Roux",
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Sørensen", "Rasmussen", "Johansson", "Karlsson",
        "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida",
        "Nguyen", "Tran", "Le", "Pham", "Hoang", "Wang", "Zhang", "Liu", "Chen", "Huang",
        "Naidoo", "Pillay", "Dlamini", "Nkosi", "Ndlovu", "Khumalo", "Mokoena", "van der Merwe", "Botha", "du Plessis",
        "O'Brien", "O'Connor", "Murphy", "Kelly", "Byrne", "Ryan", "Walsh", "McCarthy", "Doyle", "Kennedy",
        "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Khan", "Ali", "Hussain", "Rahman", "Haddad",
        "Wilkinson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harrison", "Cooper", "Morgan", "Ward",
        "Nowak", "Kowalski", "Wiśniewski", "Novák", "Horváth", "Kovács", "Popescu", "Ionescu", "Papadopoulos", "Yilmaz",
    };

    private static final String[] POSITIONS = {
        "Store Manager", "Sales Associate", "Accountant", "Buyer", "Merchandiser", "Warehouse Lead",
        "Regional Director", "IT Administrator", "Customer Service", "Marketing Coordinator", "Cashier",
        "Operations Analyst", "Logistics Planner", "Visual Merchandiser", "HR Partner",
    };

    private static final String[] ORGANIZATION_WORDS = {
        "Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella", "Acme", "Stark", "Wayne", "Wonka",
        "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Oceanic", "Pied Piper", "Gringotts", "Monarch", "Blue Sun",
        "Aperture", "Black Mesa", "Massive Dynamic", "Virtucon", "Dunder Mifflin", "Sterling Cooper", "Prestige", "Bluth", "Krusty", "Paper Street",
        "Silver Birch", "Red Fern", "Golden Gate", "Harbour", "Summit", "Riverside", "Lakeside", "Evergreen", "Cedar", "Granite",
    };

    private static final String[] ORGANIZATION_KINDS = {
        "Retail", "Outfitters", "Home Furnishings", "Apparel", "Foods", "Pharmacies", "Electronics", "Garden Centres",
        "Books", "Sports", "Hardware", "Opticians", "Jewellers", "Toys", "Beauty", "Pet Supplies", "Bakeries", "Wine Merchants",
        "Bicycles", "Music",
    };

    private static final String[] CITIES = {
        "Berlin", "Paris", "Madrid", "Lisbon", "Dublin", "London", "Amsterdam", "Brussels", "Vienna", "Zurich",
        "Sydney", "Melbourne", "Brisbane", "Perth", "Auckland", "Cape Town", "Johannesburg", "Durban", "Pretoria", "New York",
        "Chicago", "Austin", "Seattle", "Boston", "Denver", "Tokyo", "Osaka", "Lyon", "Munich", "Milan",
    };

    private static final String[] LANGUAGES = {"en", "en", "en", "en", "fr", "es", "ja"};
    private static final String[] DATE_FORMATS = {"dd/MM/yyyy", "dd/MM/yyyy", "MM/dd/yyyy", "yyyy-MM-dd"};
    private static final String[] TIME_ZONES = {"UTC", "Europe/Berlin", "Europe/Paris", "Europe/London", "Australia/Sydney",
        "Africa/Johannesburg", "America/New_York", "America/Chicago", "Asia/Tokyo"};

    /** What the benchmark needs to know about the generated data. */
    public record Dataset(UUID largeOrganization, String largeOrganizationName, String managerEmail,
            List<UUID> largeOrganizationSites, List<UUID> sampleMembers, List<String> signInEmails,
            List<String> searchPrefixes, Map<String, Long> rowCounts, Duration took, Duration hashTook,
            LicensingData.Licensing licensing) {
    }

    private record Account(UUID id, String firstName, String lastName, String email, String login, boolean active,
            Instant createdAt) {
    }

    private record Org(UUID id, String name, String domain, List<UUID> sites) {
    }

    private final Random random = new Random(20250601L);
    private final Map<String, Integer> emailsTaken = new HashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DataGenerator <jdbc-url> <user> <password>");
            System.exit(2);
        }
        Dataset dataset = new DataGenerator().generate(args[0], args[1], args[2]);
        System.out.println("Generated " + dataset.rowCounts() + " in " + dataset.took().toMillis() + " ms");
    }

    /** Migrates the schema with the application's migrations, then fills it. */
    public Dataset generate(String url, String user, String password) throws SQLException, IOException {
        long started = System.nanoTime();
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();

        long hashStarted = System.nanoTime();
        String hash = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(PASSWORD);
        Duration hashTook = Duration.ofNanos(System.nanoTime() - hashStarted);

        Dataset dataset;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            dataset = fill(connection, hash, hashTook, started);
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                // What autovacuum would have done some minutes after a bulk load: statistics for
                // the planner and a visibility map for index-only scans.
                statement.execute("vacuum analyze");
            }
        }
        return new Dataset(dataset.largeOrganization(), dataset.largeOrganizationName(), dataset.managerEmail(),
                dataset.largeOrganizationSites(), dataset.sampleMembers(), dataset.signInEmails(), dataset.searchPrefixes(),
                dataset.rowCounts(), Duration.ofNanos(System.nanoTime() - started), hashTook, dataset.licensing());
    }

    private Dataset fill(Connection connection, String hash, Duration hashTook, long started) throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<UUID> rightIds = new ArrayList<>();
        UUID userManagement = null;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select id, name from access_right order by position, name")) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                rightIds.add(id);
                if ("User Management".equals(rs.getString(2))) {
                    userManagement = id;
                }
            }
        }
        if (userManagement == null) {
            throw new IllegalStateException("the catalogue has no \"User Management\" right");
        }

        // Organizations and their sites; the first one is the large one and has every site.
        List<Org> organizations = new ArrayList<>();
        Set<String> organizationNames = new HashSet<>();
        try (Batch orgRows = new Batch(copy, "organization (id, name, name_key, region, management_mode, created_at, version)");
                Batch siteRows = new Batch(copy, "site (id, organization_id, name, name_key, created_at, version)", orgRows)) {
            String[] regions = {"EU", "EU", "AU", "ZA", "US"};
            for (int i = 0; i < ORGANIZATIONS; i++) {
                String name;
                do {
                    name = pick(ORGANIZATION_WORDS) + " " + pick(ORGANIZATION_KINDS);
                    if (organizationNames.contains(name)) {
                        name = name + " " + pick(CITIES);
                    }
                } while (!organizationNames.add(name));
                UUID id = uuid();
                Instant created = NOW.minus(Duration.ofDays(400 + random.nextInt(1500)));
                orgRows.row(id, name, key(name), pick(regions), random.nextInt(10) < 8 ? "SELF_MANAGED" : "VENDOR_MANAGED",
                        created, 1);
                int siteCount = i == 0 ? 10 : 1 + random.nextInt(10);
                List<UUID> sites = new ArrayList<>();
                Set<String> siteNames = new HashSet<>();
                while (sites.size() < siteCount) {
                    String siteName = pick(CITIES) + (random.nextBoolean() ? " Store" : " Office");
                    if (siteNames.add(siteName)) {
                        UUID siteId = uuid();
                        sites.add(siteId);
                        siteRows.row(siteId, id, siteName, key(siteName), created.plus(Duration.ofDays(random.nextInt(300))), 1);
                    }
                }
                organizations.add(new Org(id, name, slug(name) + ".example", sites));
            }
        }

        // Which organization each account belongs to: the first 50,000 to the large one, the rest
        // spread unevenly (a few big customers, many small ones), at least two per organization.
        int[] home = new int[ACCOUNTS];
        double[] weights = new double[ORGANIZATIONS];
        double sum = 0;
        for (int o = 1; o < ORGANIZATIONS; o++) {
            weights[o] = Math.exp(random.nextGaussian());
            sum += weights[o];
        }
        double[] cumulative = new double[ORGANIZATIONS];
        double running = 0;
        for (int o = 1; o < ORGANIZATIONS; o++) {
            running += weights[o] / sum;
            cumulative[o] = running;
        }
        int small = ACCOUNTS - LARGE_ORGANIZATION_MEMBERS;
        for (int i = 0; i < ACCOUNTS; i++) {
            if (i < LARGE_ORGANIZATION_MEMBERS) {
                home[i] = 0;
            } else if (i - LARGE_ORGANIZATION_MEMBERS < 2 * (ORGANIZATIONS - 1)) {
                home[i] = 1 + (i - LARGE_ORGANIZATION_MEMBERS) % (ORGANIZATIONS - 1);
            } else {
                int o = Arrays.binarySearch(cumulative, 1, ORGANIZATIONS, random.nextDouble());
                home[i] = Math.min(ORGANIZATIONS - 1, Math.max(1, o < 0 ? -o - 1 : o));
            }
        }
        if (small < 2 * (ORGANIZATIONS - 1)) {
            throw new IllegalStateException("too few accounts for the organizations");
        }

        // Accounts.
        Account[] accounts = new Account[ACCOUNTS];
        try (Batch rows = new Batch(copy, "user_account (id, first_name, last_name, email, email_key, login, login_key, position,"
                + " password_hash, status, language, date_format, time_zone, created_at, last_sign_in_at, version)")) {
            for (int i = 0; i < ACCOUNTS; i++) {
                String first = pick(FIRST_NAMES);
                String last = pick(LAST_NAMES);
                String email = email(first, last, organizations.get(home[i]).domain());
                // Most people sign in with their email; some organizations hand out short logins.
                String login = random.nextInt(10) == 0 ? ascii(first).charAt(0) + ascii(last) + i : email;
                // The large organization's first member is the Manager the benchmark acts as.
                boolean active = i == 0 || random.nextInt(100) != 0;
                Instant created = NOW.minus(Duration.ofMinutes(random.nextInt(3 * 365 * 24 * 60)));
                Instant lastSignIn = random.nextInt(10) < 7 ? NOW.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60))) : null;
                accounts[i] = new Account(uuid(), first, last, email, login, active, created);
                rows.row(accounts[i].id(), first, last, email, key(email), login, key(login),
                        random.nextInt(10) < 7 ? pick(POSITIONS) : null, hash, active ? "ACTIVE" : "DISABLED",
                        pick(LANGUAGES), pick(DATE_FORMATS), pick(TIME_ZONES), created,
                        lastSignIn != null && lastSignIn.isAfter(created) ? lastSignIn : null, 1);
            }
        }

        // Memberships: each account in its home organization, one in a hundred in a second one too.
        // The first member of each organization is its Manager, active on an active account.
        try (Batch memberships = new Batch(copy, "membership (id, organization_id, user_id, role, status, first_name_key,"
                + " last_name_key, email_key, login_key, created_at, version)");
                Batch rights = new Batch(copy, "membership_right (membership_id, right_id)", memberships);
                Batch siteAccess = new Batch(copy, "site_access (membership_id, site_id)", memberships)) {
            boolean[] hasManager = new boolean[ORGANIZATIONS];
            for (int i = 0; i < ACCOUNTS; i++) {
                boolean first = !hasManager[home[i]] && accounts[i].active();
                hasManager[home[i]] |= first;
                join(memberships, rights, siteAccess, accounts[i], organizations.get(home[i]), first, rightIds, userManagement);
                if (i >= LARGE_ORGANIZATION_MEMBERS && random.nextInt(100) == 0) {
                    int other = 1 + random.nextInt(ORGANIZATIONS - 1);
                    if (other != home[i]) {
                        join(memberships, rights, siteAccess, accounts[i], organizations.get(other), false, rightIds, userManagement);
                    }
                }
            }
        }

        // Products, releases and files, and licences: of the large organization, and to activate machines on.
        LicensingData.Licensing licensing = new LicensingData().fill(connection, copy, organizations.get(0).id(),
                organizations.subList(1, organizations.size()).stream().map(Org::id).toList());

        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : List.of("organization", "site", "user_account", "membership", "membership_right", "site_access",
                    "product", "product_release", "release_note", "stored_file", "release_file", "licence", "activation")) {
                try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }

        Org large = organizations.get(0);
        List<UUID> sample = new ArrayList<>();
        for (int n = 0; n < 2_000; n++) {
            sample.add(accounts[random.nextInt(LARGE_ORGANIZATION_MEMBERS)].id());
        }
        List<String> signIns = new ArrayList<>();
        while (signIns.size() < 500) {
            Account account = accounts[random.nextInt(ACCOUNTS)];
            if (account.active()) {
                signIns.add(account.email());
            }
        }
        return new Dataset(large.id(), large.name(), accounts[0].email(), large.sites(), sample, signIns,
                searchPrefixes(accounts), counts, Duration.ofNanos(System.nanoTime() - started), hashTook, licensing);
    }

    private void join(Batch memberships, Batch rights, Batch siteAccess, Account account, Org organization, boolean manager,
            List<UUID> rightIds, UUID userManagement) throws IOException, SQLException {
        int r = random.nextInt(100);
        String role = manager || r < 2 ? "MANAGER" : r < 12 ? "CONTRIBUTOR" : r < 27 ? "OPERATOR" : "USER";
        String status = !manager && random.nextInt(50) == 0 ? "BLOCKED" : "ACTIVE";
        UUID id = uuid();
        Instant joined = account.createdAt().plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
        memberships.row(id, organization.id(), account.id(), role, status, key(account.firstName()), key(account.lastName()),
                key(account.email()), key(account.login()), joined.isAfter(NOW) ? NOW : joined, 1);

        // Most members hold one to three rights; Managers always hold User Management.
        Set<UUID> held = new LinkedHashSet<>();
        if (role.equals("MANAGER")) {
            held.add(userManagement);
        }
        if (role.equals("MANAGER") || random.nextInt(10) != 0) {
            int wanted = 1 + random.nextInt(3);
            while (held.size() < wanted) {
                held.add(rightIds.get(random.nextInt(rightIds.size())));
            }
        }
        for (UUID right : held) {
            rights.row(id, right);
        }
        // A Manager reaches every site without rows of their own; the others one to three sites.
        if (!role.equals("MANAGER")) {
            int wanted = Math.min(organization.sites().size(), 1 + random.nextInt(3));
            Set<UUID> sites = new LinkedHashSet<>();
            while (sites.size() < wanted) {
                sites.add(organization.sites().get(random.nextInt(organization.sites().size())));
            }
            for (UUID site : sites) {
                siteAccess.row(id, site);
            }
        }
    }

    /** What people type into the search box: the start of a first or last name, 2 to 4 characters. */
    private List<String> searchPrefixes(Account[] accounts) {
        List<String> prefixes = new ArrayList<>();
        while (prefixes.size() < 60) {
            Account account = accounts[random.nextInt(LARGE_ORGANIZATION_MEMBERS)];
            String name = random.nextBoolean() ? account.firstName() : account.lastName();
            int length = 2 + prefixes.size() % 3;
            if (name.length() >= length) {
                prefixes.add(name.substring(0, length));
            }
        }
        return prefixes;
    }

    private String email(String first, String last, String domain) {
        String local = ascii(first) + "." + ascii(last);
        String address = local + "@" + domain;
        int seen = emailsTaken.merge(address, 1, Integer::sum);
        return seen == 1 ? address : local + seen + "@" + domain;
    }

    private static String ascii(String text) {
        String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace("ø", "o").replace("ß", "ss").replace("æ", "ae").replace("ł", "l");
        return folded.replaceAll("[^a-z0-9]", "");
    }

    private static String slug(String text) {
        return ascii(text.replace(' ', '0')).replace('0', '-');
    }

    /** The membership and account keys: stripped and in lower case, as the application writes them. */
    static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /**
     * Rows for one table, sent with COPY every {@value #BATCH} rows. A batch of rows that refer to
     * another table's sends that table's pending rows first, so foreign keys always hold.
     */
    static final class Batch implements AutoCloseable {

        private final CopyManager copy;
        private final String sql;
        private final Batch[] parents;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        private int rows;

        Batch(CopyManager copy, String target, Batch... parents) {
            this.copy = copy;
            this.sql = "copy " + target + " from stdin";
            this.parents = parents;
        }

        void row(Object... values) throws IOException, SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                Object value = values[i];
                if (value == null) {
                    buffer.append("\\N");
                } else if (value instanceof Instant instant) {
                    buffer.append(TIMESTAMP.format(instant));
                } else {
                    escape(value.toString());
                }
            }
            buffer.append('\n');
            if (++rows == BATCH) {
                flush();
            }
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }

        private void flush() throws IOException, SQLException {
            for (Batch parent : parents) {
                parent.flush();
            }
            if (rows > 0) {
                copy.copyIn(sql, new StringReader(buffer.toString()));
                buffer.setLength(0);
                rows = 0;
            }
        }

        @Override
        public void close() throws IOException, SQLException {
            flush();
        }
    }
}
