#pragma once
// Image comparison for render tests: two thresholds, as in the house style (per-channel tolerance and
// the share of pixels allowed to exceed it).
#include <cstdint>
#include <string>
#include <vector>

namespace briefmap::imagetest {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  ///< row 0 = top
};

/// Reads a PNG as RGBA8; throws std::runtime_error naming the file.
Image readPng(const std::string& path);

struct Comparison {
  double differingShare = 0;  ///< share of pixels with any channel off by more than the tolerance
  int maxDifference = 0;
  bool sameSize = false;
  Image diff;                 ///< red where pixels differ, faded expected image elsewhere
};

Comparison compareImages(const Image& actual, const Image& expected, int channelTolerance);

/// The image at half the size, each pixel the mean of a 2x2 block (a 2x export against the 1x render).
Image halve(const Image& image);

/// Share of pixels that differ from the most common colour (0 for a blank image).
double nonBackgroundShare(const Image& image);

}  // namespace briefmap::imagetest
