package io.gatehouse.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class DiskFileStoreTest extends FileStoreContract {

    @TempDir
    Path root;

    private DiskFileStore store;

    @BeforeEach
    void open() {
        store = new DiskFileStore(root);
    }

    @Override
    FileStore store() {
        return store;
    }

    @Override
    List<String> everything() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString).sorted().toList();
        }
    }
}
