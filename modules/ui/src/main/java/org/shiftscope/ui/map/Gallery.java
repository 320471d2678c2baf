package org.shiftscope.ui.map;

import java.util.List;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.RasterImage;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.ui.common.Thumbnails;

/**
 * One page of the selection's images, reference and target side by side, shrunk for display.
 *
 * @param page  this page, from 0
 * @param pages how many pages the larger side fills
 */
record Gallery(List<RasterImage> reference, List<RasterImage> target, int page, int pages) {

    /** Images per side on a page. */
    static final int PER_PAGE = 48;

    static final Gallery EMPTY = new Gallery(List.of(), List.of(), 0, 0);

    /**
     * Page {@code page} of the selected rows' images (reference rows, target rows: positions within each side),
     * decoded and shrunk here, to be called off the FX thread.
     */
    static Gallery of(Dataset reference, int[] referenceRows, Dataset target, int[] targetRows, int page,
                      TaskMonitor monitor) {
        int pages = (Math.max(referenceRows.length, targetRows.length) + PER_PAGE - 1) / PER_PAGE;
        int p = Math.max(0, Math.min(page, pages - 1));
        return new Gallery(images(reference, referenceRows, p, monitor), images(target, targetRows, p, monitor), p,
                pages);
    }

    private static List<RasterImage> images(Dataset side, int[] rows, int page, TaskMonitor monitor) {
        int from = Math.min(rows.length, page * PER_PAGE);
        int to = Math.min(rows.length, from + PER_PAGE);
        return java.util.stream.IntStream.range(from, to).parallel().mapToObj(i -> {
            monitor.checkCancelled();
            return org.shiftscope.core.ImageResize.fit(side.images().get(rows[i]), 64);
        }).toList();
    }
}
