/**
 * A tile-grid cartogram of Slovenia's 12 statistical regions: one square per region, placed
 * roughly where the region lies (north-west to south-east). Drawn by us; no boundary data,
 * so no licence to honour. Colour steps show how many workshops a region has.
 */
import type { RegionCode } from '@koper-otok/content-types';

/** Column and row of each region's tile (5 columns x 4 rows). */
export const REGION_TILES: Record<RegionCode, { col: number; row: number }> = {
  SI042: { col: 1, row: 0 }, // Gorenjska
  SI033: { col: 2, row: 0 }, // Koroška
  SI032: { col: 3, row: 0 }, // Podravska
  SI031: { col: 4, row: 0 }, // Pomurska
  SI043: { col: 0, row: 1 }, // Goriška
  SI041: { col: 1, row: 1 }, // Osrednjeslovenska
  SI034: { col: 2, row: 1 }, // Savinjska
  SI044: { col: 0, row: 2 }, // Obalno-kraška
  SI038: { col: 1, row: 2 }, // Primorsko-notranjska
  SI035: { col: 2, row: 2 }, // Zasavska
  SI036: { col: 3, row: 2 }, // Posavska
  SI037: { col: 2, row: 3 }, // Jugovzhodna Slovenija
};

export const MAP_GRID = { columns: 5, rows: 4, tile: 130, gap: 8 };

/** Fill colours from "no workshops" to "many"; all keep 4.5:1 contrast with their label colour. */
const SHADES = [
  { min: 0, fill: '#e8eef0', text: '#1d2428' },
  { min: 1, fill: '#9fcbd3', text: '#1d2428' },
  { min: 2, fill: '#2f7580', text: '#ffffff' },
  { min: 4, fill: '#0b5563', text: '#ffffff' },
];

export const shadeFor = (count: number) => [...SHADES].reverse().find((s) => count >= s.min)!;
