package io.gatehouse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

/**
 * bin/backup and bin/restore against a real PostgreSQL server: a database at the latest schema with a
 * member and a stored file, backed up, damaged, and restored, over itself or into a new empty database.
 * Needs a pg_dump of the server's major version or newer (PG_BIN, /usr/lib/postgresql/N/bin or the PATH). When
 * every installed pg_dump is older than the shared test server, the class starts a server of the client's own
 * version from the server binaries packaged next to it, and stops it afterwards.
 */
@Tag("database")
class BackupAndRestoreTest {

    private static final Path SCRIPTS = Path.of("bin").toAbsolutePath();

    /** Set when the shared test server is newer than the installed pg_dump: a server of the client's version. */
    private static ClientVersionServer ownServer;
    private static String pgBin;

    private Database database;
    private Path work;
    private Path files;

    /** A fresh database on the test server, as the application's settings would name it. */
    record Database(String url, String user, String password) {

        static Database fresh() {
            return ownServer != null ? new Database(ownServer.createDatabase(), "postgres", "") : onTheSharedServer();
        }

        static Database onTheSharedServer() {
            GenericApplicationContext context = new GenericApplicationContext();
            new TestDatabase().initialize(context);
            Environment environment = context.getEnvironment();
            return new Database(environment.getRequiredProperty("spring.datasource.url"),
                    environment.getRequiredProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password", ""));
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        void execute(String... statements) throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        }

        List<String> column(String query) throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(query)) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    record Run(int exitCode, String output) {
    }

    /** Why the tests cannot run here; checked before each, so that each is reported skipped with it. */
    private static String skipped;

    @BeforeAll
    static void aPgDumpAndAServerItCanRead() throws Exception {
        if (!TestDatabase.postgres()) {
            skipped = "bin/backup and bin/restore are for PostgreSQL: this is the H2 pass";
            return;
        }
        int serverMajor = majorVersionOf(Database.onTheSharedServer());
        Optional<String> found = pgDumpDirectory(serverMajor);
        if (found.isPresent()) {
            pgBin = found.get();
            return;
        }
        Optional<Path> client = clientWithItsServer();
        if (client.isEmpty()) {
            skipped = "bin/backup needs pg_dump " + serverMajor + " or newer for this PostgreSQL " + serverMajor
                    + " server, and none was found (PG_BIN, /usr/lib/postgresql/N/bin, PATH: " + describePathPgDump()
                    + "), nor an older client with the server binaries of its version beside it (" + whyNoClientServer()
                    + "). Install the PostgreSQL " + serverMajor + " client, or run the PostgreSQL pass against a server of the "
                    + "installed client's version with GATEHOUSE_TEST_DB_URL";
            return;
        }
        ownServer = ClientVersionServer.start(client.get());
        pgBin = client.get().toString();
    }

    @AfterAll
    static void stopTheOwnServer() throws IOException {
        skipped = null;
        if (ownServer != null) {
            ownServer.close();
            ownServer = null;
        }
    }

    @BeforeEach
    void aDatabaseWithAMemberAndAStoredFile() throws Exception {
        assumeTrue(skipped == null, skipped);
        database = Database.fresh();

        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        database.execute(
                "insert into organization (id, name, name_key, region, management_mode, created_at) values "
                        + "('10000000-0000-0000-0000-000000000001', 'Fjällräven Depot', 'fjällräven depot', 'EU', 'SELF_MANAGED', now())",
                "insert into user_account (id, first_name, last_name, email, email_key, login, login_key, password_hash, status, "
                        + "language, date_format, time_zone, created_at) values ('30000000-0000-0000-0000-000000000001', 'Ingrid', "
                        + "'Larsen', 'ingrid@depot.test', 'ingrid@depot.test', 'ingrid@depot.test', 'ingrid@depot.test', "
                        + "'{argon2}$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'ACTIVE', 'fr', 'dd/MM/yyyy', 'Europe/Oslo', now())",
                "insert into membership (id, organization_id, user_id, role, status, first_name_key, last_name_key, email_key, "
                        + "login_key, created_at) values ('40000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', "
                        + "'30000000-0000-0000-0000-000000000001', 'MANAGER', 'ACTIVE', 'ingrid', 'larsen', 'ingrid@depot.test', "
                        + "'ingrid@depot.test', now())");

        work = Path.of("target", "backup-tests", UUID.randomUUID().toString()).toAbsolutePath();
        files = Files.createDirectories(work.resolve("files"));
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        String key = "k7f3a9c2e1d04b6a8f5e3c1d2b4a6f8e";
        Path stored = files.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
        Files.createDirectories(stored.getParent());
        Files.write(stored, content);
        Files.createDirectories(files.resolve(".incoming"));
        Files.writeString(files.resolve(".incoming").resolve("upload-in-progress.part"), "half a file");
        database.execute("insert into stored_file (id, name, size_bytes, sha256, content_type, storage_key, stored_at) values "
                + "('80000000-0000-0000-0000-000000000001', 'setup-4.3.0.exe', " + content.length + ", '" + sha256(content)
                + "', 'application/octet-stream', '" + key + "', now())");
    }

    @Test
    void restoreOverTheDamagedDatabaseBringsBackRowsAndFiles() throws Exception {
        Path backup = backUp();
        List<String> migrations = database.column("select version from flyway_schema_history order by installed_rank");

        database.execute("delete from membership", "delete from organization",
                "insert into organization (id, name, name_key, region, management_mode, created_at) values "
                        + "('10000000-0000-0000-0000-000000000009', 'Made after the backup', 'made after the backup', 'EU', 'SELF_MANAGED', now())");
        deleteRecursively(files);

        Run refused = script(database, "restore", backup.toString());
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("--yes");
        assertThat(database.column("select name from organization")).containsExactly("Made after the backup");

        Run restored = script(database, "restore", "--yes", backup.toString());
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThatTheBackupIsBack(database);
        assertThat(database.column("select version from flyway_schema_history order by installed_rank")).isEqualTo(migrations);
    }

    @Test
    void restoreIntoANewEmptyDatabaseNeedsNoConfirmation() throws Exception {
        Path backup = backUp();
        deleteRecursively(files);
        Database empty = Database.fresh();

        Run restored = script(empty, "restore", backup.toString());

        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThatTheBackupIsBack(empty);
    }

    @Test
    void aDamagedBackupIsNotRestored() throws Exception {
        Path backup = backUp();
        Files.write(backup.resolve("files.tar.gz"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Database empty = Database.fresh();

        Run refused = script(empty, "restore", backup.toString());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("damaged");
        assertThat(empty.column("select count(*) from pg_tables where schemaname = 'public'")).containsExactly("0");
    }

    private Path backUp() throws Exception {
        Run run = script(database, "backup", work.resolve("backups").toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = run.output().lines().toList();
        Path backup = Path.of(lines.get(lines.size() - 1));
        assertThat(backup.getFileName().toString()).matches("gatehouse-\\d{8}T\\d{6}Z");
        try (Stream<Path> entries = Files.list(backup)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("database.dump", "files.tar.gz", "manifest.txt", "SHA256SUMS");
        }
        try (Stream<Path> siblings = Files.list(backup.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
        return backup;
    }

    private void assertThatTheBackupIsBack(Database target) throws Exception {
        assertThat(target.column("select name from organization")).containsExactly("Fjällräven Depot");
        assertThat(target.column("select m.role || ' ' || u.email from membership m join user_account u on u.id = m.user_id"))
                .containsExactly("MANAGER ingrid@depot.test");
        String key = target.column("select storage_key from stored_file").get(0);
        String sha = target.column("select sha256 from stored_file").get(0);
        Path stored = files.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
        assertThat(stored).exists();
        assertThat(sha256(Files.readAllBytes(stored))).isEqualTo(sha);
        assertThat(files.resolve(".incoming").resolve("upload-in-progress.part")).doesNotExist();
    }

    private Run script(Database target, String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile());
        builder.environment().putAll(Map.of("GATEHOUSE_DB_URL", target.url(), "GATEHOUSE_DB_USER", target.user(),
                "GATEHOUSE_DB_PASSWORD", target.password(), "GATEHOUSE_STORAGE", "disk",
                "GATEHOUSE_STORAGE_DIRECTORY", files.toString(), "PG_BIN", pgBin));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s ended", name).isTrue();
        return new Run(process.exitValue(), output.strip());
    }

    private static int majorVersionOf(Database server) throws SQLException {
        return Integer.parseInt(server.column("select current_setting('server_version_num')").get(0)) / 10000;
    }

    /** A directory holding a pg_dump (and pg_restore, psql) that can read a server of this major version. */
    private static Optional<String> pgDumpDirectory(int serverMajor) {
        return clientDirectories()
                .filter(directory -> majorVersion(directory.resolve("pg_dump")).orElse(0) >= serverMajor)
                .map(Path::toString)
                .findFirst();
    }

    /** The newest client directory that also holds a server of the same major version (as Debian packages them). */
    private static Optional<Path> clientWithItsServer() {
        return clientDirectories()
                .filter(directory -> ClientVersionServer.unusable(directory).isEmpty())
                .filter(directory -> majorVersion(directory.resolve("postgres")).equals(majorVersion(directory.resolve("pg_dump"))))
                .max(Comparator.comparing(directory -> majorVersion(directory.resolve("pg_dump")).orElse(0)));
    }

    private static String whyNoClientServer() {
        List<String> reasons = clientDirectories().map(directory -> ClientVersionServer.unusable(directory).orElse(
                directory.resolve("postgres") + " is not of the version of " + directory.resolve("pg_dump"))).toList();
        return reasons.isEmpty() ? "no client at all" : String.join("; ", reasons);
    }

    /** Directories holding pg_dump, pg_restore and psql, in the order they are preferred. */
    private static Stream<Path> clientDirectories() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("PG_BIN")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(version -> version.resolve("bin")).sorted().forEach(candidates::add);
            } catch (IOException ignored) {
                // no packaged versions to offer
            }
        }
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isBlank()).map(Path::of).forEach(candidates::add);
        return candidates.stream().distinct()
                .filter(directory -> Files.isExecutable(directory.resolve("pg_dump")) && Files.isExecutable(directory.resolve("pg_restore"))
                        && Files.isExecutable(directory.resolve("psql")));
    }

    private static String describePathPgDump() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isBlank())
                .map(directory -> Path.of(directory, "pg_dump")).filter(Files::isExecutable).findFirst()
                .map(pgDump -> pgDump + " is version " + majorVersion(pgDump).map(String::valueOf).orElse("unknown"))
                .orElse("no pg_dump");
    }

    private static Optional<Integer> majorVersion(Path pgDump) {
        try {
            Process process = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\) (\\d+)").matcher(output);
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
