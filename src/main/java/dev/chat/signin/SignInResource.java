package dev.chat.signin;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The page's side of signing in, the backend-for-frontend way: quarkus-oidc runs the authorization code
 * flow as the confidential client and keeps the tokens in its encrypted session cookie, so the browser never
 * holds a refresh token. The page asks here for the session's short-lived access token, which quarkus-oidc
 * renews with the refresh token before it runs out ({@code quarkus.oidc.token.refresh-token-time-skew}).
 * Signing out is quarkus-oidc's logout path ({@link SignedOut}).
 */
@Path("/auth")
public class SignInResource {

    private static final CacheControl NO_STORE = noStore();

    private final CurrentIdentityAssociation identities;

    SignInResource(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /**
     * Reached signed in only: the HTTP security policy sends everyone else through the provider's login
     * first, and quarkus-oidc brings them back here with this query. Then on to the room they asked for.
     */
    @GET
    @Path("login")
    @Operation(summary = "Sign in through the OpenID provider, then open the page in the room asked for")
    @APIResponse(responseCode = "303", description = "signed in: on to the page, which joins the room")
    @APIResponse(responseCode = "302", description = "not signed in: to the provider's login")
    public Response login(@QueryParam("room") String room, @QueryParam("transport") String transport) {
        UriBuilder page = UriBuilder.fromPath("/").fragment("signed-in");
        if (room != null && !room.isBlank()) {
            page.queryParam("room", room);
        }
        if (transport != null && !transport.isBlank()) {
            page.queryParam("transport", transport);
        }
        return Response.seeOther(page.build()).build();
    }

    /**
     * The signed-in session's access token, for this page only: a browser marks where a request comes from
     * ({@code Sec-Fetch-Site}, {@code Origin}) and another site's request is refused; no CORS header lets
     * another site read the answer, and the session cookie is SameSite.
     */
    @GET
    @Path("token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in session's access token, renewed before it expires (same origin only)")
    @APIResponse(responseCode = "200", description = "{\"access_token\": ...}")
    @APIResponse(responseCode = "401", description = "no one is signed in")
    @APIResponse(responseCode = "403", description = "asked from another origin")
    public Uni<Response> token(@HeaderParam("Sec-Fetch-Site") String fetchSite, @HeaderParam("Origin") String origin,
            @HeaderParam(HttpHeaders.HOST) String host) {
        if (!sameOrigin(fetchSite, origin, host)) {
            return Uni.createFrom().item(refusal(403, "same origin only"));
        }
        return identities.getDeferredIdentity().map(SignInResource::sessionToken);
    }

    private static Response sessionToken(SecurityIdentity identity) {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        // A bearer token authenticates a request too; only a session started by signing in has an ID token.
        if (identity.isAnonymous() || access == null || identity.getCredential(IdTokenCredential.class) == null) {
            return refusal(401, "not signed in");
        }
        return Response.ok(Map.of("access_token", access.getToken())).cacheControl(NO_STORE).build();
    }

    static boolean sameOrigin(String fetchSite, String origin, String host) {
        if (fetchSite != null && !fetchSite.equals("same-origin")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        try {
            String authority = URI.create(origin).getAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static CacheControl noStore() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        return control;
    }

    private static Response refusal(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE)
                .entity(Map.of("error", error)).build();
    }
}
