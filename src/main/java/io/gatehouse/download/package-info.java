/**
 * Products download: the releases an organization's licences entitle it to, and the download of
 * their files, decided against today's licences at every request.
 */
package io.gatehouse.download;
