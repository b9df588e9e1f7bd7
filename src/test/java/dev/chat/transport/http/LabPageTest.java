package dev.chat.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The lab is at /lab: the folder's page, its modules and the client, under the page's security headers. */
@QuarkusTest
class LabPageTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void slashLabLeadsIntoTheLabsFolderKeepingTheQuery() {
        HttpResponse<String> bare = Http.get(base, "/lab?room=lab-1&lang=ko");
        assertEquals(302, bare.statusCode());
        assertEquals("lab/?room=lab-1&lang=ko", bare.headers().firstValue("Location").orElse(""));
        assertEquals("lab/", Http.get(base, "/lab").headers().firstValue("Location").orElse(""));
    }

    @Test
    void theLabAndItsModulesAreServedUnderThePagesPolicy() {
        for (String path : new String[] { "/lab/", "/lab/main.js", "/lab/lab.css", "/client/chat.js" }) {
            HttpResponse<String> page = Http.get(base, path);
            assertEquals(200, page.statusCode(), path);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
        }
        assertTrue(Http.get(base, "/lab/").body().contains("<script type=\"module\" src=\"main.js\"></script>"));
        assertTrue(!Http.get(base, "/lab/").body().contains("<script>"), "no inline script");
    }
}
