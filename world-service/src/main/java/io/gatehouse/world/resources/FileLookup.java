package io.gatehouse.world.resources;

/** The answer to "may a client fetch /files/&lt;resource&gt;/&lt;file&gt;", with FXServer's 404 wording. */
public sealed interface FileLookup {

    record Found(ServedFile file) implements FileLookup {}

    /** 404 {@code Not found. (missing requested resource: X)} */
    record MissingResource(String resource) implements FileLookup {
        public String message() {
            return "Not found. (missing requested resource: " + resource + ")";
        }
    }

    /** 404 {@code Not found. (missing requested file: X/Y)} */
    record MissingFile(String resource, String file) implements FileLookup {
        public String message() {
            return "Not found. (missing requested file: " + resource + "/" + file + ")";
        }
    }
}
