// graph/rate_graph_internals.hpp — tariff_of(graph) -> const graph::Tariff&: the compiled tariff inside a RateGraph, for the library's layers after graph (eval, report); not part of the public API.
#pragma once

#include "graph/tariff_graph.hpp"
#include "rateline/rate_graph.hpp"
