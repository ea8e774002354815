DELETE FROM standard_rates WHERE sku = 'STORAGE-WEEK';
