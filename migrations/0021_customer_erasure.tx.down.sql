DROP TABLE customer_erasures;
