package io.gatehouse.storage;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server, through the same client and settings the application uses. */
class S3FileStoreTest extends FileStoreContract {

    private static S3Server server;
    private static S3Client client;
    private static S3FileStore store;

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
        StorageSettings.S3 settings = new StorageSettings.S3(server.endpoint(), S3Server.BUCKET, "us-east-1",
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true, "files/", DataSize.ofMegabytes(5));
        client = StorageConfiguration.client(settings);
        store = new S3FileStore(StorageConfiguration.client(settings), S3Server.BUCKET, "files/", (int) DataSize.ofMegabytes(5).toBytes());
    }

    @AfterAll
    static void stopServer() {
        if (store != null) {
            store.close();
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    FileStore store() {
        return store;
    }

    @Override
    List<String> everything() {
        Stream<String> objects = client.listObjectsV2(b -> b.bucket(S3Server.BUCKET)).contents().stream().map(o -> "object " + o.key());
        Stream<String> unfinished = client.listMultipartUploads(b -> b.bucket(S3Server.BUCKET)).uploads().stream()
                .map(u -> "upload " + u.key());
        return Stream.concat(objects, unfinished).sorted().toList();
    }
}
