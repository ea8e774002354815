DROP INDEX IF EXISTS customers_search_idx, customers_name_trgm_idx, customers_city_idx, users_name_trgm_idx,
    quotes_search_idx, quotes_number_sort_idx, quotes_title_sort_idx, quotes_net_sort_idx,
    orders_search_idx, orders_number_sort_idx, orders_start_sort_idx, orders_net_sort_idx,
    contracts_search_idx, contracts_number_sort_idx, contracts_start_sort_idx,
    tickets_search_idx, placements_search_idx, placements_role_sort_idx;
