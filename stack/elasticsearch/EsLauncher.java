/*
 * Starts one Elasticsearch 8 node for pullwatch's local stack and keeps it running until
 * the process receives SIGTERM or SIGINT.
 *
 * The node is the real server (org.elasticsearch:elasticsearch from Maven Central). Its HTTP
 * and transport layer, the Netty4 plugin, is loaded from the classpath by the test
 * framework's MockPluginsService, the way Elasticsearch's own single-node tests (MockNode)
 * load classpath plugins. MockNode itself is not used: building one runs the test
 * framework's BootstrapForTesting, which refuses to run as root (CI runs as root) and
 * switches on test-only behaviour (paranoid Netty leak detection, randomized seeds). This
 * class builds the node through the same package-private constructor MockNode uses, hence
 * the package below; stack/up.sh compiles it into .stack/classes.
 *
 * Modules that are not published on Maven Central (rest-root, ILM, data-streams, security,
 * ingest-common, mapper-extras, painless, reindex, ...) are absent. LocalStackPlugin below
 * adds back two small REST endpoints built on server code, so clients and tests work:
 *   GET|HEAD /                    node and version info (the rest-root module's endpoint)
 *   DELETE /_data_stream/{names}  deletes data streams and their backing indices
 * See stack/README.md for what the node supports and lacks.
 *
 * System properties (all optional):
 *   pullwatch.es.home            node home; data, logs and config below it (default .stack/elasticsearch)
 *   pullwatch.es.host            bind and publish address                  (default 127.0.0.1)
 *   pullwatch.es.http_port       HTTP port                                 (default 9200)
 *   pullwatch.es.transport_port  transport port                            (default 9300)
 *   pullwatch.es.cluster         cluster name                              (default pullwatch-local)
 *   pullwatch.es.log4j           log4j2.properties copied into the config directory
 */
package org.elasticsearch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.elasticsearch.Build;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.master.AcknowledgedResponse;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.AckedClusterStateUpdateTask;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.DataStream;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.metadata.MetadataDataStreamsService;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.Priority;
import org.elasticsearch.common.Strings;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.env.Environment;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.elasticsearch.xcontent.XContentBuilder;

public final class EsLauncher extends Node {

    private static final String NODE_NAME = "pullwatch-local-es";

    private EsLauncher(Environment environment) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader pluginsLoader) {
                return new MockPluginsService(env.settings(), env, List.of(Netty4Plugin.class, LocalStackPlugin.class));
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("pullwatch.es.home", ".stack/elasticsearch")).toAbsolutePath();
        String host = System.getProperty("pullwatch.es.host", "127.0.0.1");
        String httpPort = System.getProperty("pullwatch.es.http_port", "9200");
        String transportPort = System.getProperty("pullwatch.es.transport_port", "9300");
        String clusterName = System.getProperty("pullwatch.es.cluster", "pullwatch-local");

        Path data = home.resolve("data");
        Path logs = home.resolve("logs");
        Path config = home.resolve("config");
        for (Path dir : List.of(data, logs, config)) {
            Files.createDirectories(dir);
        }
        String log4j = System.getProperty("pullwatch.es.log4j");
        if (log4j != null) {
            Files.copy(Path.of(log4j), config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }

        Settings settings = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", NODE_NAME)
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("network.host", host)
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
            .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
            .put("discovery.type", "single-node")
            // A developer's nearly full disk must not turn the test indices read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> NODE_NAME);
        LogConfigurator.setClusterName(clusterName);
        LogConfigurator.setNodeName(NODE_NAME);
        LogConfigurator.configure(environment, true);

        Node node = new EsLauncher(environment);

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "pullwatch-es-shutdown"));

        node.start();
        closed.await();
    }

    /** REST endpoints that a full distribution gets from modules which are not on Maven Central. */
    public static final class LocalStackPlugin extends Plugin implements ActionPlugin {

        private final AtomicReference<ClusterService> clusterService = new AtomicReference<>();

        public LocalStackPlugin() {}

        @Override
        public Collection<?> createComponents(PluginServices services) {
            clusterService.set(services.clusterService());
            return List.of();
        }

        @Override
        public Collection<RestHandler> getRestHandlers(
            Settings settings,
            NamedWriteableRegistry namedWriteableRegistry,
            RestController restController,
            ClusterSettings clusterSettings,
            IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter,
            IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature
        ) {
            return List.of(new RootInfoHandler(clusterService::get), new DeleteDataStreamHandler(clusterService::get, settings));
        }
    }

    /** GET and HEAD /: the node, cluster and version document every Elasticsearch client reads first. */
    static final class RootInfoHandler extends BaseRestHandler {
        private final Supplier<ClusterService> clusterService;

        RootInfoHandler(Supplier<ClusterService> clusterService) {
            this.clusterService = clusterService;
        }

        @Override
        public String getName() {
            return "pullwatch_local_root_info";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        public boolean canTripCircuitBreaker() {
            return false;
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            ClusterService cluster = clusterService.get();
            return channel -> {
                ClusterState state = cluster.state();
                Build build = Build.current();
                XContentBuilder body = channel.newBuilder();
                if (request.hasParam("pretty") == false) {
                    body.prettyPrint().lfAtEnd();
                }
                body.startObject()
                    .field("name", cluster.getNodeName())
                    .field("cluster_name", cluster.getClusterName().value())
                    .field("cluster_uuid", state.metadata().clusterUUID())
                    .startObject("version")
                    .field("number", build.qualifiedVersion())
                    .field("build_flavor", build.flavor())
                    .field("build_type", build.type().displayName())
                    .field("build_hash", build.hash())
                    .field("build_date", build.date())
                    .field("build_snapshot", build.isSnapshot())
                    .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                    .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                    .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                    .endObject()
                    .field("tagline", "You Know, for Search")
                    .endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, body));
            };
        }
    }

    /**
     * DELETE /_data_stream/{names}: comma-separated names, wildcards allowed. Removes the data
     * streams and their backing indices through the server's own
     * MetadataDataStreamsService.deleteDataStreams. Without it a local node could never drop a
     * data stream (its write index cannot be deleted, nor the index template it uses).
     */
    static final class DeleteDataStreamHandler extends BaseRestHandler {
        private final Supplier<ClusterService> clusterService;
        private final Settings settings;

        DeleteDataStreamHandler(Supplier<ClusterService> clusterService, Settings settings) {
            this.clusterService = clusterService;
            this.settings = settings;
        }

        @Override
        public String getName() {
            return "pullwatch_local_delete_data_stream";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.DELETE, "/_data_stream/{name}"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            String[] patterns = Strings.splitStringByCommaToArray(request.param("name"));
            TimeValue timeout = request.paramAsTime("master_timeout", TimeValue.timeValueSeconds(30));
            ClusterService cluster = clusterService.get();
            return channel -> {
                ActionListener<AcknowledgedResponse> listener = new RestToXContentListener<>(channel);
                @SuppressWarnings("deprecation") // one rare, small update on a single-node test cluster
                Runnable submit = () -> cluster.submitUnbatchedStateUpdateTask(
                    "pullwatch-local-delete-data-stream " + String.join(",", patterns),
                    new AckedClusterStateUpdateTask(Priority.HIGH, timeout, timeout, listener) {
                        @Override
                        public ClusterState execute(ClusterState current) {
                            Set<DataStream> selected = select(current, patterns);
                            return MetadataDataStreamsService.deleteDataStreams(current, selected, settings);
                        }
                    }
                );
                try {
                    select(cluster.state(), patterns); // answer 404 at once for an unknown concrete name
                    submit.run();
                } catch (ResourceNotFoundException e) {
                    listener.onFailure(e);
                }
            };
        }

        private static Set<DataStream> select(ClusterState state, String[] patterns) {
            Map<String, DataStream> all = state.metadata().dataStreams();
            Set<DataStream> selected = new LinkedHashSet<>();
            List<String> missing = new ArrayList<>();
            for (String pattern : patterns) {
                if (Regex.isSimpleMatchPattern(pattern)) {
                    all.forEach((name, stream) -> {
                        if (Regex.simpleMatch(pattern, name)) selected.add(stream);
                    });
                } else if (all.containsKey(pattern)) {
                    selected.add(all.get(pattern));
                } else {
                    missing.add(pattern);
                }
            }
            if (missing.isEmpty() == false) {
                throw new ResourceNotFoundException("data_stream matching [" + String.join(",", missing) + "] not found");
            }
            return selected;
        }
    }
}
