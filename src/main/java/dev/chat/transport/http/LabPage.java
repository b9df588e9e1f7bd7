package dev.chat.transport.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * {@code /lab} leads to the lab's folder, {@code /lab/}, where its page is served with the rest of the
 * static pages. The page's own links are relative, so the address must end in a slash for them to
 * resolve inside the folder; the relative {@code Location} keeps that true below a path prefix too.
 */
@ApplicationScoped
class LabPage {

    void route(@Observes Router router) {
        router.get("/lab").handler(context -> {
            // Vert.x matches /lab/ here too: that one is the page itself.
            if (context.request().path().endsWith("/")) {
                context.next();
                return;
            }
            String query = context.request().query();
            context.response().setStatusCode(302)
                    .putHeader("Location", query == null ? "lab/" : "lab/?" + query)
                    .end();
        });
    }
}
