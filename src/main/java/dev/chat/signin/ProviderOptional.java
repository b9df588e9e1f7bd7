package dev.chat.signin;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets the service start without an OpenID provider. quarkus-oidc refuses to start when
 * {@code quarkus.oidc.auth-server-url} is missing, unless a tenant resolver is registered: then it disables
 * its default tenant instead. This one resolves nothing, so the configured provider, when there is one, is used.
 */
@ApplicationScoped
class ProviderOptional implements TenantConfigResolver {

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        return Uni.createFrom().nullItem();
    }
}
