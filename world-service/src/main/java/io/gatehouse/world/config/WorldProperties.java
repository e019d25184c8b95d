package io.gatehouse.world.config;

import io.gatehouse.world.assets.AssetStreamer;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Where the world's content lives and how it is streamed ({@code gatehouse.world.*}). */
@ConfigurationProperties("gatehouse.world")
public class WorldProperties {

    /** Hytale common assets: every file under it is an asset named by its relative path. */
    private Path assetsDir = Path.of("./world/assets");

    /** FiveM resources: each sub-directory with an fxmanifest.lua or __resource.lua ([category] dirs recurse). */
    private Path resourcesDir = Path.of("./world/resources");

    /** Where resource.rpf packfiles are built; unset uses a temporary directory removed on shutdown. */
    private Path cacheDir;

    /** Bytes per AssetPart; capped at the official 2,621,440 (2.5 MiB). */
    private DataSize assetPartSize = DataSize.ofBytes(AssetStreamer.MAX_PART_SIZE);

    /** Threads reading files for streaming calls (file reads never run on gRPC or Netty threads). */
    private int ioThreads = 4;

    /** Streaming calls that may wait for an IO thread before new ones are refused with RESOURCE_EXHAUSTED. */
    private int ioQueue = 4096;

    public Path getAssetsDir() { return assetsDir; }
    public void setAssetsDir(Path assetsDir) { this.assetsDir = assetsDir; }
    public Path getResourcesDir() { return resourcesDir; }
    public void setResourcesDir(Path resourcesDir) { this.resourcesDir = resourcesDir; }
    public Path getCacheDir() { return cacheDir; }
    public void setCacheDir(Path cacheDir) { this.cacheDir = cacheDir; }
    public DataSize getAssetPartSize() { return assetPartSize; }
    public void setAssetPartSize(DataSize assetPartSize) { this.assetPartSize = assetPartSize; }
    public int getIoThreads() { return ioThreads; }
    public void setIoThreads(int ioThreads) { this.ioThreads = ioThreads; }
    public int getIoQueue() { return ioQueue; }
    public void setIoQueue(int ioQueue) { this.ioQueue = ioQueue; }

    /** The configured part size as an int, capped at the protocol maximum. */
    public int effectiveAssetPartSize() {
        long bytes = assetPartSize.toBytes();
        if (bytes <= 0) {
            throw new IllegalArgumentException("gatehouse.world.asset-part-size must be positive");
        }
        return (int) Math.min(bytes, AssetStreamer.MAX_PART_SIZE);
    }
}
