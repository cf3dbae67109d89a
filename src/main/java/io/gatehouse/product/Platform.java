package io.gatehouse.product;

/** What a release file is for: an installer per operating system, a disc image, or a data pack. */
public enum Platform {
    WINDOWS, MACOS, LINUX, ISO, DATA_PACK
}
