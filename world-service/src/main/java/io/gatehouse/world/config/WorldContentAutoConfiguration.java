package io.gatehouse.world.config;

import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.gatehouse.world.assets.AssetCatalog;
import io.gatehouse.world.assets.AssetStreamer;
import io.gatehouse.world.grpc.WorldContentGrpcService;
import io.gatehouse.world.io.ReadBufferPool;
import io.gatehouse.world.resources.ResourceCatalog;
import io.grpc.BindableService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The world's content catalogues and their gRPC service. The catalogues scan once at startup; the service is a
 * {@link BindableService} bean, which service-support serves on this process's gRPC server.
 */
@AutoConfiguration
@ConditionalOnRole(Role.WORLD)
@EnableConfigurationProperties(WorldProperties.class)
public class WorldContentAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorldContentAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ReadBufferPool worldReadBufferPool() {
        return ReadBufferPool.defaultPool();
    }

    @Bean
    @ConditionalOnMissingBean
    AssetCatalog assetCatalog(WorldProperties properties, ReadBufferPool pool) {
        AssetCatalog catalog = new AssetCatalog(properties.getAssetsDir(), pool);
        int count = catalog.rescan();
        log.info("Hytale assets: {} from {}", count, catalog.root());
        return catalog;
    }

    @Bean
    @ConditionalOnMissingBean
    AssetStreamer assetStreamer(AssetCatalog catalog, WorldProperties properties, ReadBufferPool pool) {
        return new AssetStreamer(catalog, properties.effectiveAssetPartSize(), pool);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ResourceCatalog resourceCatalog(WorldProperties properties, ReadBufferPool pool) {
        ResourceCatalog catalog = new ResourceCatalog(properties.getResourcesDir(), properties.getCacheDir(), pool);
        int count = catalog.rescan();
        log.info("FiveM resources: {} from {}", count, catalog.root());
        return catalog;
    }

    /** Bounded: a fixed set of threads and a bounded queue (each streaming call queues at most one task). */
    @Bean(name = "worldContentIoExecutor", destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "worldContentIoExecutor")
    ExecutorService worldContentIoExecutor(WorldProperties properties) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "world-content-io-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        int size = Math.max(1, properties.getIoThreads());
        return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.getIoQueue())), threads,
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    @ConditionalOnMissingBean
    WorldContentGrpcService worldContentGrpcService(AssetCatalog assets, AssetStreamer streamer,
                                                    ResourceCatalog resources, ReadBufferPool pool,
                                                    @Qualifier("worldContentIoExecutor") ExecutorService io) {
        return new WorldContentGrpcService(assets, streamer, resources, pool, io);
    }
}
